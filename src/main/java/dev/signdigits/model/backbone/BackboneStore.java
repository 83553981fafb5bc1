package dev.signdigits.model.backbone;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.io.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The on-disk form of a backbone directory: {@code parameters.params} (DJL block parameters, in
 * factory order) and {@code metadata.json}. Writes are atomic (temp directory + rename); reads
 * check the format and the parameters' checksum before DJL sees a byte.
 */
final class BackboneStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BackboneStore() {}

    /** Writes block parameters and metadata (whose parametersSha256 is filled in here) into {@code dir}. */
    static BackboneMetadata write(Path dir, SequentialBlock block, BackboneMetadata metadata) {
        BackboneMetadata[] written = new BackboneMetadata[1];
        AtomicFiles.writeDirectory(dir, tmp -> {
            Path params = tmp.resolve(BackboneMetadata.PARAMETERS_FILE);
            try (OutputStream file = Files.newOutputStream(params);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
                block.saveParameters(out);
            }
            written[0] = withChecksum(metadata, Sha256.of(params));
            Files.writeString(tmp.resolve(BackboneMetadata.FILE), JSON.writeValueAsString(written[0]));
        });
        return written[0];
    }

    /** Reads and checks metadata.json: format id and version first, then the record. */
    static BackboneMetadata readMetadata(Path dir) {
        Path file = dir.resolve(BackboneMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException("No backbone at " + dir + ": " + file.getFileName() + " is missing;"
                    + " import one with 'signdigits model import --tflite FILE'.");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SignDigitsException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); import the backbone again.", e);
        }
        String format = tree.path("format").asText("");
        if (!BackboneMetadata.FORMAT.equals(format)) {
            throw new SignDigitsException(file + " is not signdigits backbone metadata (format '" + format
                    + "', expected '" + BackboneMetadata.FORMAT + "'); point to a directory made by 'signdigits model import'.");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version != BackboneMetadata.FORMAT_VERSION) {
            throw new SignDigitsException(file + " has format version " + version + " but this signdigits reads version "
                    + BackboneMetadata.FORMAT_VERSION + "; import the backbone again with this version.");
        }
        try {
            return JSON.treeToValue(tree, BackboneMetadata.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new SignDigitsException(file + " has invalid content (" + e.getMessage().lines().findFirst().orElse("")
                    + "); import the backbone again.", e);
        }
    }

    /** Loads parameters into {@code block}, built by the factory from the same metadata. */
    static void readParameters(Path dir, BackboneMetadata metadata, SequentialBlock block, NDManager manager) {
        Path params = dir.resolve(BackboneMetadata.PARAMETERS_FILE);
        if (!Files.isRegularFile(params)) {
            throw new SignDigitsException("Backbone " + dir + " has no " + params.getFileName() + "; import it again.");
        }
        String sha = Sha256.of(params);
        if (metadata.parametersSha256() != null && !metadata.parametersSha256().equals(sha)) {
            throw new SignDigitsException(params + " does not match the checksum in " + BackboneMetadata.FILE
                    + " (damaged or replaced); import the backbone again.");
        }
        try (InputStream file = Files.newInputStream(params);
             DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new SignDigitsException(params + " does not fit the " + metadata.spec().id() + " network described by "
                    + BackboneMetadata.FILE + " (" + e.getMessage() + "); import the backbone again.", e);
        }
    }

    private static BackboneMetadata withChecksum(BackboneMetadata m, String sha) {
        return new BackboneMetadata(m.format(), m.formatVersion(), m.name(), m.architecture(), m.width(), m.inputSize(),
                m.numClasses(), m.featureChannels(), m.dropout(), m.batchNormEpsilon(), m.layers(), m.preprocessing(),
                sha, m.sourceFile(), m.sourceSha256(), m.importedAt(), m.signdigitsVersion());
    }
}
