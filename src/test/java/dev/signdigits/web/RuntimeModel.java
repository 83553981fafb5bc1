package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real fine-tuned model of the export tests ({@link TrainedTestModel}: MobileNet v1 0.5 at
 * 128 px, trained once per test JVM) served by one runtime, opened by the same
 * {@code DigitClassifiers.open} that {@code serve --runtime} uses. Its exports are written once per
 * JVM: model.tflite and model.onnx here, model-int8.tflite by {@code train} itself (with the test
 * accuracy it recorded, so {@code auto} can choose it).
 */
final class RuntimeModel implements FinetunedServedModel {
    /** The runtimes the runtime-parameterized web suites run against (their @FieldSource). */
    static final List<String> RUNTIMES = List.of("djl", "tflite", "tflite-int8", "onnx");
    private static final Map<String, List<String>> FILES = Map.of(
            "djl", List.of(FinetunedMetadata.FILE, FinetunedMetadata.PARAMETERS_FILE, FinetunedMetadata.LABELS_FILE),
            "tflite", List.of(ExportFiles.fileName(ExportFormat.TFLITE, Quantize.NONE)),
            "tflite-int8", List.of(ExportFiles.fileName(ExportFormat.TFLITE, Quantize.INT8)),
            "onnx", List.of(ExportFiles.fileName(ExportFormat.ONNX, Quantize.NONE)),
            "auto", List.of(FinetunedMetadata.FILE, ExportFiles.fileName(ExportFormat.TFLITE, Quantize.INT8),
                    ExportFiles.fileName(ExportFormat.TFLITE, Quantize.NONE)));
    private static final int CANDIDATES_PER_DIGIT = 12;
    private static final Map<String, RuntimeModel> MODELS = new HashMap<>();
    private static Path exports;

    private final String runtime;
    private final String reportedRuntime;
    private final FinetunedMetadata metadata;
    private final List<Path> photos;

    private RuntimeModel(String runtime, String reportedRuntime, FinetunedMetadata metadata, List<Path> photos) {
        this.runtime = runtime;
        this.reportedRuntime = reportedRuntime;
        this.metadata = metadata;
        this.photos = photos;
    }

    static synchronized RuntimeModel of(String runtime) {
        return MODELS.computeIfAbsent(runtime, RuntimeModel::open);
    }

    /** The model directory holding the trained model and every export the suites serve. */
    static synchronized Path exports() {
        if (exports == null) {
            try {
                Path dir = TrainedTestModel.copyTo(Files.createTempDirectory("signdigits-served-model"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicFiles.deleteRecursively(dir)));
                String int8 = ExportFiles.fileName(ExportFormat.TFLITE, Quantize.INT8);
                Files.copy(TrainedTestModel.directory().resolve(int8), dir.resolve(int8));
                for (ExportFormat format : List.of(ExportFormat.TFLITE, ExportFormat.ONNX)) {
                    ModelExporter.export(new ExportRequest(dir, format, Quantize.NONE, null, TrainedTestModel.DATA,
                            ExportRequest.DEFAULT_CALIBRATION_IMAGES));
                }
                exports = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exports;
    }

    private static RuntimeModel open(String runtime) {
        Path dir = exports();
        List<Path> candidates = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            try (Stream<Path> files = Files.list(TrainedTestModel.DATA.resolve(Integer.toString(digit)))) {
                files.sorted().limit(CANDIDATES_PER_DIGIT).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ImageDecoder decoder = new ImageDecoder();
        List<BufferedImage> images = candidates.stream().map(p -> decoder.decode(p).rgb()).toList();
        try (DigitClassifier classifier = DigitClassifiers.open(runtime, dir)) {
            // the probabilities as the service answers them (calibrated, as the model records), so the chosen
            // photos are read with a digit also above the service's default confidence floor
            dev.signdigits.shape.Combination combination = dev.signdigits.predict.PhotoPredictor.combinationOf(classifier);
            List<float[]> probabilities = classifier.classify(images).stream()
                    .map(p -> combination.apply(p, null)).toList();
            List<Path> chosen = new ArrayList<>();
            for (int digit = 0; digit <= 9; digit++) {
                for (int i = digit * CANDIDATES_PER_DIGIT; i < (digit + 1) * CANDIDATES_PER_DIGIT; i++) {
                    Prediction prediction = new Prediction(classifier.info().labels(), probabilities.get(i), "");
                    if (prediction.digit() == digit && prediction.confidence() > 0.6f) {
                        chosen.add(candidates.get(i));
                        break;
                    }
                }
                assertThat(chosen).as(runtime + " classifies one of the first photos of " + digit + " right").hasSize(digit + 1);
            }
            return new RuntimeModel(runtime, classifier.info().runtime(), FinetunedModel.readMetadata(dir), List.copyOf(chosen));
        }
    }

    @Override
    public String runtime() {
        return reportedRuntime;
    }

    @Override
    public Path createModelDir(Path parent, String name) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            for (String file : FILES.get(runtime)) {
                Files.copy(exports().resolve(file), dir.resolve(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ClassifierLoader loader() {
        return dir -> DigitClassifiers.open(runtime, dir);
    }

    @Override
    public Path photo(int digit) {
        return photos.get(digit);
    }

    @Override
    public FinetunedMetadata metadata() {
        return metadata;
    }
}
