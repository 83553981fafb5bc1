package dev.signdigits.model.store;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;

/**
 * A fine-tuned classifier on disk ({@code model.json} + {@code model.params} + {@code labels.txt})
 * and in memory. Loading checks, in order: the directory has our files, the format id and version,
 * the parameter checksum, the layer list against the factory; each failure is one sentence.
 */
public final class FinetunedModel {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FinetunedMetadata metadata;
    private final SequentialBlock block;

    private FinetunedModel(FinetunedMetadata metadata, SequentialBlock block) {
        this.metadata = metadata;
        this.block = block;
    }

    public FinetunedMetadata metadata() {
        return metadata;
    }

    /** The whole network; outputs logits (apply softmax for probabilities). */
    public SequentialBlock block() {
        return block;
    }

    /** Writes parameters, metadata (with the parameters' checksum) and labels into {@code dir}. */
    public static FinetunedMetadata write(Path dir, SequentialBlock block, FinetunedMetadata metadata) throws IOException {
        Path params = dir.resolve(FinetunedMetadata.PARAMETERS_FILE);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
            block.saveParameters(out);
        }
        FinetunedMetadata written = new FinetunedMetadata(metadata.format(), metadata.formatVersion(), metadata.id(),
                metadata.architecture(), metadata.width(), metadata.inputSize(), metadata.labels(), metadata.dropout(),
                metadata.preprocessing(), metadata.layers(), Sha256.of(params), metadata.provenance());
        writeMetadata(dir, written);
        Files.write(dir.resolve(FinetunedMetadata.LABELS_FILE), metadata.labels());
        return written;
    }

    /** Writes model.json alone, e.g. to add provenance to a model already written. */
    public static void writeMetadata(Path dir, FinetunedMetadata metadata) throws IOException {
        JSON.writeValue(dir.resolve(FinetunedMetadata.FILE).toFile(), metadata);
    }

    /** Reads only model.json, checked. */
    public static FinetunedMetadata readMetadata(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SignDigitsException("Model directory " + dir + " does not exist; train one with 'signdigits train'"
                    + " or pass --model models/finetuned/latest.");
        }
        Path file = dir.resolve(FinetunedMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException(dir + " is not a signdigits model: " + FinetunedMetadata.FILE
                    + " is missing; pass a directory made by 'signdigits train' such as models/finetuned/latest.");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SignDigitsException(file + " is not valid JSON; the model directory is damaged, train again.", e);
        }
        String format = tree.path("format").asText("");
        if (!FinetunedMetadata.FORMAT.equals(format)) {
            throw new SignDigitsException(file + " is not a signdigits fine-tuned model (format '" + format
                    + "'); pass a directory made by 'signdigits train'.");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version != FinetunedMetadata.FORMAT_VERSION) {
            throw new SignDigitsException(dir + " was written in model format version " + version
                    + ", this signdigits reads version " + FinetunedMetadata.FORMAT_VERSION + "; retrain it with this version.");
        }
        try {
            return JSON.treeToValue(tree, FinetunedMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new SignDigitsException(file + " has invalid content (" + firstLine(e) + "); train the model again.", e);
        }
    }

    /** Rebuilds the network from metadata and loads its parameters into {@code manager}. */
    public static FinetunedModel load(Path dir, NDManager manager) {
        FinetunedMetadata metadata = readMetadata(dir);
        Path params = dir.resolve(FinetunedMetadata.PARAMETERS_FILE);
        if (!Files.isRegularFile(params)) {
            throw new SignDigitsException("Model " + dir + " has no " + FinetunedMetadata.PARAMETERS_FILE + "; train it again.");
        }
        if (!Sha256.of(params).equals(metadata.parametersSha256())) {
            throw new SignDigitsException(params + " does not match the checksum in " + FinetunedMetadata.FILE
                    + " (damaged or replaced); train the model again.");
        }
        List<NamedLayer> layers = MobileNets.classifier(metadata.spec(), metadata.labels().size(), metadata.dropout());
        if (!LayerStack.names(layers).equals(metadata.layers())) {
            throw new SignDigitsException(dir + " lists layers that this signdigits does not build for "
                    + metadata.spec().id() + "; retrain the model with this version.");
        }
        SequentialBlock block = LayerStack.sequential(layers);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new SignDigitsException(params + " does not fit the network described by " + FinetunedMetadata.FILE
                    + " (" + firstLine(e) + "); train the model again.", e);
        }
        return new FinetunedModel(metadata, block);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
