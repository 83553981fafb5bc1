package dev.signdigits.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.TensorClassifier;

/**
 * {@code --runtime auto}: which runtime a model directory gets, and why. Starts from a real trained
 * model with train's own int8 export and record, plus a float32 TFLite export, and changes one thing
 * per test: the recorded accuracy, the int8 file, the exports present, the runtimes installed.
 */
@Tag("slow")
class RuntimeSelectorTest {
    private static final String INT8 = "model-int8.tflite";

    @TempDir
    static Path tmp;
    static Path base;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainedModelWithExports() throws IOException {
        base = TrainedTestModel.copyTo(tmp.resolve("base"));
        Files.copy(TrainedTestModel.directory().resolve(INT8), base.resolve(INT8));
        ModelExporter.export(new ExportRequest(base, ExportFormat.TFLITE, Quantize.NONE, null, TrainedTestModel.DATA,
                ExportRequest.DEFAULT_CALIBRATION_IMAGES));
    }

    private Path model() throws IOException {
        Path copy = dir.resolve("model");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(base)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** Rewrites the recorded accuracies: float {@code floatAccuracy}, int8 {@code int8Accuracy}, for the file as it is now. */
    private static void record(Path model, String floatAccuracy, double int8Accuracy) throws IOException {
        FinetunedMetadata metadata = FinetunedModel.readMetadata(model);
        Map<String, String> provenance = new LinkedHashMap<>(metadata.provenance());
        provenance.put("test_accuracy", floatAccuracy);
        provenance.putAll(new Int8Accuracy(INT8, Sha256.of(model.resolve(INT8)), Double.parseDouble(floatAccuracy),
                int8Accuracy, (int) Math.round(int8Accuracy * 1000), 1000, 7, 200).toProvenance());
        FinetunedModel.writeMetadata(model, metadata.withProvenance(provenance));
    }

    private static void assertChoice(Path model, String runtime, String... because) {
        RuntimeSelector.Choice choice = RuntimeSelector.choose(model);
        assertThat(choice.runtime().id()).isEqualTo(runtime);
        assertThat(choice.reason()).contains(because);
    }

    @Test
    void trainRecordsInt8AndItsAccuracy() {
        Int8Accuracy recorded = Int8Accuracy.fromProvenance(FinetunedModel.readMetadata(base).provenance()).orElseThrow();
        assertThat(recorded.sha256()).isEqualTo(Sha256.of(base.resolve(INT8)));
        assertThat(recorded.count()).isPositive();
        assertThat(recorded.int8Accuracy()).isEqualTo((double) recorded.correct() / recorded.count(),
                org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void int8WithinHalfAPointIsChosen() throws IOException {
        Path model = model();
        record(model, "0.9000", 0.8950);

        assertChoice(model, "tflite-int8", "int8 89.50% (895/1000) vs float 90.00%", "within 0.5 points");
    }

    @Test
    void int8LosingMoreThanHalfAPointFallsBackToTheFloatExport() throws IOException {
        Path model = model();
        record(model, "0.9000", 0.8940);

        assertChoice(model, "tflite", "model.tflite is this model's float32 export",
                "int8 loses 0.60 points, more than 0.5");
    }

    @Test
    void anInt8FileChangedSinceTrainMeasuredItIsNotTrusted() throws IOException {
        Path model = model();
        record(model, "0.9000", 0.9100);
        Files.write(model.resolve(INT8), new byte[] {0}, StandardOpenOption.APPEND);

        assertChoice(model, "tflite", "model-int8.tflite changed since train measured it");
    }

    @Test
    void withoutExportsTheTrainedModelItselfServes() throws IOException {
        Path model = model();
        Files.delete(model.resolve(INT8));
        Files.delete(model.resolve("model.tflite"));

        assertChoice(model, "djl", "model-int8.tflite is missing");
    }

    @Test
    void aFloatExportOfAnotherModelIsPassedOver() throws IOException {
        Path model = model();
        Files.delete(model.resolve(INT8));
        FinetunedMetadata metadata = FinetunedModel.readMetadata(model);
        FinetunedModel.writeMetadata(model, new FinetunedMetadata(metadata.format(), metadata.formatVersion(), "other-run",
                metadata.architecture(), metadata.width(), metadata.inputSize(), metadata.labels(), metadata.dropout(),
                metadata.preprocessing(), metadata.layers(), metadata.parametersSha256(), metadata.provenance()));

        assertChoice(model, "djl", "model.tflite was exported from model " + metadata.id() + ", not other-run");
    }

    @Test
    void runtimesThatAreNotInstalledArePassedOver() throws IOException {
        Path model = model();
        record(model, "0.9000", 0.9000);

        RuntimeSelector.Choice withoutTflite = RuntimeSelector.choose(model, runtime -> !runtime.id().startsWith("tflite"));
        assertThat(withoutTflite.runtime().id()).isEqualTo("djl");
        assertThat(withoutTflite.reason()).contains("tflite-int8 is not installed here");

        assertThatThrownBy(() -> RuntimeSelector.choose(model, runtime -> runtime == InferenceRuntime.ONNX))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("No installed runtime can serve " + model)
                .hasMessageContaining("--format tflite");
    }

    @Test
    void autoOpensTheChosenRuntimeAndSaysWhy() throws IOException {
        Path model = model();
        record(model, "0.9000", 0.8990);

        try (DigitClassifier classifier = DigitClassifiers.open("auto", model)) {
            assertThat(classifier.info().runtime()).isEqualTo("tflite-int8");
            assertThat(classifier.info().properties().get(RuntimeSelector.SELECTION_PROPERTY))
                    .startsWith("auto: tflite-int8, int8 89.90%");
            assertThat(classifier).isInstanceOf(TensorClassifier.class);
        }
        assertThat(RuntimeSelector.choose(model.resolve("model.tflite")).runtime().id()).isEqualTo("tflite");
        AtomicFiles.deleteRecursively(model);
        assertThatThrownBy(() -> RuntimeSelector.choose(model)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("does not exist");
    }
}
