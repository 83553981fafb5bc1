package dev.signdigits.model.export;

import dev.signdigits.shape.Combination;
import dev.signdigits.shape.ShapeExportMetadata;
import dev.signdigits.shape.ShapeExports;
import ai.djl.ndarray.NDManager;
import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.graph.GraphFolder;
import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.onnx.OnnxWriter;
import dev.signdigits.model.tflite.ActivationStats;
import dev.signdigits.model.tflite.NhwcLayout;
import dev.signdigits.model.tflite.TfliteWriter;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.image.ModelInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.ExportMetadata;
import dev.signdigits.model.store.Quantize;

/**
 * Exports a fine-tuned model directory to a TFLite or ONNX file: loads it with DJL, folds batch
 * norm into the convolutions, writes the chosen format (calibrating int8 on training photos in the
 * TFLite runtime) and publishes the file atomically. Returns what it did; prints nothing.
 */
public final class ModelExporter {
    private static final List<String> PROVENANCE_SUMMARY = List.of("run_id", "created_by", "finished_at",
            "base_model", "base_weights_sha256", "dataset_sha256", "manifest_sha256", "config_hash", "train_photos",
            "val_accuracy", "test_accuracy", "git_commit", "signdigits_version", "djl_version", "engine");

    private ModelExporter() {}

    /** The provenance an export carries: the summary, and the hand framing the model must be run with. */
    private static List<String> summaryKeys() {
        List<String> keys = new java.util.ArrayList<>(PROVENANCE_SUMMARY);
        keys.addAll(HandFramingSpec.KEYS);
        keys.addAll(Combination.KEYS);
        return keys;
    }

    public static ExportResult export(ExportRequest request) {
        Instant started = Instant.now();
        Path modelDir = request.modelDir();
        FinetunedMetadata model = FinetunedModel.readMetadata(modelDir);
        if (request.format() == ExportFormat.ONNX && request.quantize() != Quantize.NONE) {
            throw new SignDigitsException("ONNX export writes float32 only; drop --quantize " + request.quantize().id()
                    + ", or use --format tflite for float16 and int8 models.");
        }
        // read the calibration photos before the weights: a missing dataset fails fast
        List<float[]> calibration = request.quantize() != Quantize.INT8 ? List.of() : calibration(modelDir, model, request);
        FoldedGraph graph;
        try (NDManager manager = NDManager.newBaseManager()) {
            graph = GraphFolder.fold(FinetunedModel.load(modelDir, manager));
        }
        ExportMetadata metadata = metadata(model, request, calibration.size(), started);
        Written written = request.format() == ExportFormat.ONNX
                ? onnx(graph, model, request, metadata)
                : tflite(graph, model, request, metadata, calibration);
        Path out = request.outputFile();
        AtomicFiles.write(out, stream -> stream.write(written.bytes()));
        Path shape = exportShape(model, request.format(), out);
        return new ExportResult(out, request.format(), request.quantize(), written.bytes().length, written.float32Bytes(),
                calibration.size(), metadata, Duration.between(started, Instant.now()), shape);
    }

    /**
     * The model's hand-shape network in the same format beside the exported file (float32: it is 14 KB),
     * so that an app gets the whole served answer; null for a model without one.
     */
    private static Path exportShape(FinetunedMetadata model, ExportFormat format, Path beside) {
        Combination combination = Combination.forModel(model.provenance(), "model " + model.id());
        if (combination.network() == null) {
            return null;
        }
        String json = ShapeExportMetadata.of(model.id(), model.labels(), combination, combination.network().inputs()).toJson();
        Path file = beside.resolveSibling(format == ExportFormat.ONNX ? ShapeExports.ONNX_FILE : ShapeExports.TFLITE_FILE);
        if (format == ExportFormat.ONNX) {
            ShapeExports.writeOnnx(combination.network(), file, json);
        } else {
            ShapeExports.writeTflite(combination.network(), file, json);
        }
        return file;
    }

    /** A file's bytes and the size of the same model in float32. */
    private record Written(byte[] bytes, long float32Bytes) {}

    private static Written onnx(FoldedGraph graph, FinetunedMetadata model, ExportRequest request, ExportMetadata metadata) {
        byte[] bytes = OnnxWriter.write(graph, metadata.toProperties(), metadata.exporter(), description(model, request));
        return new Written(bytes, bytes.length);
    }

    private static Written tflite(FoldedGraph graph, FinetunedMetadata model, ExportRequest request,
                                  ExportMetadata metadata, List<float[]> calibration) {
        byte[] json = metadata.toJson().getBytes(StandardCharsets.UTF_8);
        String description = description(model, request);
        byte[] float32 = TfliteWriter.write(graph, TfliteWriter.Precision.FLOAT32, null, json, description).bytes();
        byte[] bytes = switch (request.quantize()) {
            case NONE -> float32;
            case FLOAT16 -> TfliteWriter.write(graph, TfliteWriter.Precision.FLOAT16, null, json, description).bytes();
            case INT8 -> TfliteWriter.write(graph, TfliteWriter.Precision.INT8, calibrate(graph, calibration, model), json,
                    description).bytes();
        };
        return new Written(bytes, float32.length);
    }

    /** Ranges of every tensor over the images, measured on the float32 model; the input's is exact. */
    private static ActivationStats calibrate(FoldedGraph graph, List<float[]> images, FinetunedMetadata model) {
        TfliteWriter.Result float32 = TfliteWriter.writeForInspection(graph, TfliteWriter.Precision.FLOAT32, null);
        int size = graph.inputSize();
        UnaryOperator<float[]> nhwc = chw -> {
            float[] hwc = new float[chw.length];
            NhwcLayout.imageToHwc(chw, 0, 3, size, size, hwc);
            return hwc;
        };
        Path temp = null;
        try {
            temp = Files.createTempFile("signdigits-calibration", ".tflite");
            Files.write(temp, float32.bytes());
            ActivationStats ranges = TfliteCalibrator.calibrate(temp, graph, float32.tensorIndex(), images, nhwc);
            // every pixel value 0..255 can arrive, whatever the calibration photos held
            float mean = model.preprocessing().mean();
            float std = model.preprocessing().std();
            ranges.setRange(graph.input(), (0 - mean) / std, (255 - mean) / std);
            return ranges;
        } catch (IOException e) {
            throw new SignDigitsException("Cannot write a temporary model for int8 calibration in "
                    + System.getProperty("java.io.tmpdir") + " (" + e.getMessage()
                    + "); free disk space there or point -Djava.io.tmpdir elsewhere.", SignDigitsException.ENVIRONMENT, e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }


    /** The calibration photos, framed as the model reads them (the hand crop for a hand-locator model). */
    private static List<float[]> calibration(Path modelDir, FinetunedMetadata model, ExportRequest request) {
        try (HandFraming framing = HandFraming.forModel(model.provenance(), modelDir.resolve(FinetunedMetadata.FILE).toString(),
                model.inputSize())) {
            return CalibrationImages.load(modelDir, dataDir(request, model), request.calibrationImages(), model.modelInput(),
                    framing);
        }
    }

    /** The requested dataset directory, else the one the model was trained from if it still exists. */
    private static Path dataDir(ExportRequest request, FinetunedMetadata model) {
        if (request.dataDir() != null && Files.isDirectory(request.dataDir())) {
            return request.dataDir();
        }
        String recorded = model.provenance().get("dataset_dir");
        if (recorded != null && Files.isDirectory(Path.of(recorded))) {
            return Path.of(recorded);
        }
        return request.dataDir() != null ? request.dataDir() : Path.of(String.valueOf(recorded));
    }

    static ExportMetadata metadata(FinetunedMetadata model, ExportRequest request, int calibrated, Instant at) {
        boolean tflite = request.format() == ExportFormat.TFLITE;
        int size = model.inputSize();
        ExportMetadata.Input input = new ExportMetadata.Input(
                tflite ? TfliteWriter.INPUT : OnnxWriter.INPUT,
                tflite ? "NHWC" : "NCHW",
                tflite ? List.of(1, size, size, 3) : List.of(-1, 3, size, size),
                "float32", model.preprocessing().colorOrder(), model.preprocessing().mean(), model.preprocessing().std(),
                "center-crop to a square, then bilinear resize to " + size + "x" + size);
        Map<String, String> provenance = new LinkedHashMap<>();
        for (String key : summaryKeys()) {
            String value = model.provenance().get(key);
            if (value != null) {
                provenance.put(key, value);
            }
        }
        return new ExportMetadata(ExportMetadata.FORMAT, ExportMetadata.FORMAT_VERSION, model.id(), model.architecture(),
                model.width(), size, request.format().id(), request.quantize().id(), numerics(request),
                model.labels(), input, tflite ? TfliteWriter.OUTPUT : OnnxWriter.OUTPUT, provenance, at.toString(),
                "signdigits " + version(), calibrated);
    }

    private static String numerics(ExportRequest request) {
        return switch (request.quantize()) {
            case NONE -> "float32 weights and arithmetic";
            case FLOAT16 -> "float16 weights expanded to float32 at load; float32 arithmetic";
            case INT8 -> "int8 weights (per channel) and activations (per tensor), int32 biases; float32 input and"
                    + " output (QUANTIZE after the input, DEQUANTIZE after the int8 softmax)";
        };
    }

    private static String description(FinetunedMetadata model, ExportRequest request) {
        return String.format(Locale.ROOT, "signdigits sign-language digit classifier %s (%s %s, %dx%d), %s",
                model.id(), model.architecture(), model.width(), model.inputSize(), model.inputSize(),
                request.quantize() == Quantize.NONE ? "float32" : request.quantize().id());
    }

    private static String version() {
        String v = ModelExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
