package dev.signdigits.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.model.StreamingForward;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.image.ModelInput;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The one network both sides of the PyTorch-Python peer benchmark run: ImageNet MobileNet v1 with a
 * new seeded 10-class head, as training builds it. Writes, under one directory, what the Python side
 * loads ({@code weights.bin}: every parameter and batch-norm statistic by layer name, in
 * {@link ParameterFile}'s format) and checks against ({@code reference.bin}: one photo's normalized
 * 224x224 input and this network's logits for it), plus a servable model directory per input size
 * ({@code model-<size>/}) with its float32 ONNX and TFLite exports, for the runtime rows.
 */
final class PeerModels {
    static final String WEIGHTS = "weights.bin";
    static final String REFERENCE = "reference.bin";
    static final int REFERENCE_SIZE = 224;
    private static final int CLASSES = 10;

    private PeerModels() {}

    static void write(Path out, ImportedBackbone backbone, TrainingConfig config, Path referencePhoto, List<Integer> sizes,
                      NDManager manager) {
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) config.seed());
        FineTuneNetwork network = FineTuneNetwork.build(backbone, CLASSES, REFERENCE_SIZE, config.dropout(),
                config.fineTuneLayers(), manager);
        Map<String, float[]> weights = new LinkedHashMap<>();
        network.tailFrom(0).allParameters().forEach((name, p) -> weights.put(name, p.getArray().toFloatArray()));
        writeArrays(out.resolve(WEIGHTS), weights);

        ModelInput preprocessor = backbone.preprocessing().at(REFERENCE_SIZE);
        float[] input = preprocessor.toChw(new ImageDecoder().decode(referencePhoto).rgb());
        float[] logits;
        try (NDManager call = manager.newSubManager()) {
            NDList x = new NDList(call.create(FloatBuffer.wrap(input), new Shape(1, 3, REFERENCE_SIZE, REFERENCE_SIZE)));
            logits = StreamingForward.run(network.full().getChildren().values(), new ParameterStore(call, false), x)
                    .singletonOrThrow().toFloatArray();
        }
        writeArrays(out.resolve(REFERENCE), Map.of("input", input, "logits", logits));

        for (int size : sizes) {
            Path dir = out.resolve("model-" + size);
            AtomicFiles.writeDirectory(dir, tmp -> FinetunedModel.write(tmp, network.full(), metadata(backbone, config, size)));
            for (ExportFormat format : List.of(ExportFormat.ONNX, ExportFormat.TFLITE)) {
                ModelExporter.export(new ExportRequest(dir, format, Quantize.NONE, null, config.dataDir(),
                        ExportRequest.DEFAULT_CALIBRATION_IMAGES));
            }
        }
    }

    private static FinetunedMetadata metadata(ImportedBackbone backbone, TrainingConfig config, int size) {
        var spec = backbone.spec().withInputSize(size);
        List<String> labels = IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList();
        return new FinetunedMetadata(FinetunedMetadata.FORMAT, FinetunedMetadata.FORMAT_VERSION, "peer-benchmark-" + size,
                spec.architecture(), spec.width(), size, labels, config.dropout(),
                backbone.preprocessing(),
                LayerStack.names(MobileNets.classifier(spec, CLASSES, config.dropout())), null,
                Map.of("created_by", "signdigits peer benchmark (ImageNet backbone, untrained head seeded "
                        + config.seed() + ")"));
    }

    private static void writeArrays(Path file, Map<String, float[]> arrays) {
        AtomicFiles.write(file, stream -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(stream));
            ParameterFile.writeArrays(arrays, data);
            data.flush();
        });
    }
}
