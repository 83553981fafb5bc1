package dev.signdigits.model.backbone;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.Layers;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.ModelSummary;
import dev.signdigits.model.NamedLayer;

/**
 * {@code signdigits model import}: reads an ImageNet MobileNet .tflite, recognizes its
 * architecture, copies its weights into the network our factory builds, and writes
 * {@code <modelsDir>/raw/<name>/} atomically.
 */
public final class BackboneImporter {
    /** Dropout stored with an imported ImageNet classifier (TF-slim trained with keep_prob 0.999). */
    static final float IMPORTED_DROPOUT = 0.001f;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private BackboneImporter() {}

    /** What was imported and where. */
    public record Result(Path directory, BackboneMetadata metadata, ModelSummary summary) {}

    /** {@code <modelsDir>/raw}: imported backbones and local copies of the .tflite files. */
    public static Path rawDir(Path modelsDir) {
        return modelsDir.resolve("raw");
    }

    /**
     * Imports {@code tflite} into {@code <modelsDir>/raw/<name>}; a null or blank {@code name}
     * means the recognized spec's id, e.g. "mobilenet_v1_1.0_224" (what training asks for).
     */
    public static Result importFile(Path tflite, Path modelsDir, String name) {
        if (name != null && !name.isBlank() && !SAFE_NAME.matcher(name).matches()) {
            throw new SignDigitsException("Backbone name '" + name + "' is not a plain directory name; use letters,"
                    + " digits, '.', '_' and '-' (up to 100 characters).");
        }
        TfliteModel model = TfliteReader.read(tflite);
        MobileNetGraph graph = MobileNetGraph.recognize(model);
        MobileNetSpec spec = graph.spec();
        String target = name == null || name.isBlank() ? spec.id() : name;
        List<NamedLayer> layers = MobileNets.network(spec, graph.numClasses(), IMPORTED_DROPOUT);
        Path dir = rawDir(modelsDir).resolve(target);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = LayerStack.sequential(layers);
            block.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
            WeightImporter.apply(graph, layers);
            ModelSummary summary = ModelSummary.of(layers, spec.inputShape(1));
            BackboneMetadata metadata = new BackboneMetadata(BackboneMetadata.FORMAT, BackboneMetadata.FORMAT_VERSION,
                    target, spec.architecture(), spec.width(), spec.inputSize(), graph.numClasses(),
                    spec.featureChannels(), IMPORTED_DROPOUT, Layers.BN_EPSILON, LayerStack.names(layers),
                    graph.preprocessing(), null, tflite.getFileName().toString(), Sha256.of(tflite),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), version());
            BackboneMetadata written = BackboneStore.write(dir, block, metadata);
            return new Result(dir, written, summary);
        }
    }

    static String version() {
        String v = BackboneImporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
