package dev.signdigits.train;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Per-epoch checkpoints inside a run's work directory. Each checkpoint is a directory written
 * beside the old one and swapped in, so a kill at any instant leaves a complete checkpoint.
 * {@code best/} holds the weights of the best validation epoch so far.
 */
final class CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    CheckpointStore(Path runWorkDir) {
        this.root = runWorkDir;
    }

    void save(TrainingState state, Map<String, Parameter> tailParameters, Adam adam) {
        AtomicFiles.writeDirectory(root.resolve("checkpoint"), dir -> {
            writeParameters(dir.resolve("tail.bin"), tailParameters);
            try (DataOutputStream out = dataOut(dir.resolve("adam.bin"))) {
                adam.save(out);
            }
            JSON.writeValue(dir.resolve("state.json").toFile(), state);
        });
    }

    void saveBest(Map<String, Parameter> tailParameters) {
        AtomicFiles.writeDirectory(root.resolve("best"), dir -> writeParameters(dir.resolve("tail.bin"), tailParameters));
    }

    Optional<TrainingState> latestState() {
        Path state = root.resolve("checkpoint").resolve("state.json");
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(state.toFile(), TrainingState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + state, e);
        }
    }

    void restoreLatest(Map<String, Parameter> tailParameters, Adam adam) throws IOException {
        Path dir = root.resolve("checkpoint");
        readParameters(dir.resolve("tail.bin"), tailParameters);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("adam.bin"))))) {
            adam.load(in);
        }
    }

    void restoreBest(Map<String, Parameter> tailParameters) throws IOException {
        readParameters(root.resolve("best").resolve("tail.bin"), tailParameters);
    }

    boolean hasBest() {
        return Files.isRegularFile(root.resolve("best").resolve("tail.bin"));
    }

    private static void writeParameters(Path file, Map<String, Parameter> parameters) throws IOException {
        try (DataOutputStream out = dataOut(file)) {
            ParameterFile.write(parameters, out);
        }
    }

    private static void readParameters(Path file, Map<String, Parameter> parameters) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ParameterFile.read(parameters, in);
        }
    }

    private static DataOutputStream dataOut(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }
}
