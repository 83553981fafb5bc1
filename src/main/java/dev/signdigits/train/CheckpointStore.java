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
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-epoch checkpoints inside a run's work directory. Each checkpoint is a directory written
 * beside the old one ({@code .checkpoint.tmp...}) and swapped in (the old one is renamed to
 * {@code .checkpoint.old-...} for the moment of the swap), so a kill at any instant leaves a
 * complete checkpoint: {@code checkpoint/}, or the renamed old one if the kill fell between the two
 * renames. Temporary directories are never read. {@code best/} holds the weights of the best
 * validation epoch so far.
 */
final class CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String STATE = "state.json";
    private static final String AVERAGE = "average.bin";

    private final Path root;

    CheckpointStore(Path runWorkDir) {
        this.root = runWorkDir;
    }

    void save(TrainingState state, Map<String, Parameter> tailParameters, Adam adam) {
        save(state, tailParameters, adam, null);
    }

    /** As {@link #save(TrainingState, Map, Adam)}, with the running weight average when it holds any epoch. */
    void save(TrainingState state, Map<String, Parameter> tailParameters, Adam adam, WeightAverage average) {
        AtomicFiles.writeDirectory(root.resolve("checkpoint"), dir -> {
            writeParameters(dir.resolve("tail.bin"), tailParameters);
            if (average != null && average.epochs() > 0) {
                try (DataOutputStream out = dataOut(dir.resolve(AVERAGE))) {
                    average.write(out);
                }
            }
            try (DataOutputStream out = dataOut(dir.resolve("adam.bin"))) {
                adam.save(out);
            }
            JSON.writeValue(dir.resolve(STATE).toFile(), state);
        });
    }

    void saveBest(Map<String, Parameter> tailParameters) {
        AtomicFiles.writeDirectory(root.resolve("best"), dir -> writeParameters(dir.resolve("tail.bin"), tailParameters));
    }

    /** The newest complete checkpoint in {@code workDir}: {@code checkpoint/}, else the newest renamed old one. */
    static Optional<Path> completeCheckpoint(Path workDir) {
        if (Files.isRegularFile(workDir.resolve("checkpoint").resolve(STATE))) {
            return Optional.of(workDir.resolve("checkpoint"));
        }
        if (!Files.isDirectory(workDir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".checkpoint.old-"))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .max(Comparator.comparingLong(CheckpointStore::oldSuffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long oldSuffix(Path old) {
        try {
            return Long.parseLong(old.getFileName().toString().substring(".checkpoint.old-".length()));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    Optional<TrainingState> latestState() {
        Optional<Path> dir = completeCheckpoint(root);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path state = dir.get().resolve(STATE);
        try {
            return Optional.of(JSON.readValue(state.toFile(), TrainingState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + state, e);
        }
    }

    void restoreLatest(Map<String, Parameter> tailParameters, Adam adam) throws IOException {
        Path dir = completeCheckpoint(root).orElseThrow(() -> new IOException("no complete checkpoint in " + root));
        readParameters(dir.resolve("tail.bin"), tailParameters);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("adam.bin"))))) {
            adam.load(in);
        }
    }

    /** The weight average of the newest complete checkpoint; empty (no epoch yet) when it has none. */
    WeightAverage latestAverage() throws IOException {
        Optional<Path> dir = completeCheckpoint(root);
        if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(AVERAGE))) {
            return new WeightAverage();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.get().resolve(AVERAGE))))) {
            return WeightAverage.read(in);
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
