package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signdigits.model.export.TrainedTestModel;
import dev.signdigits.runtime.onnx.OnnxDigitClassifier;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;
import dev.signdigits.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signdigits export} end to end on a copy of the shared trained test model. */
@Tag("slow")
class ExportCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.of(env, args);
    }

    @Test
    void writesFloat32TfliteIntoTheModelDirectoryByDefault() {
        Path model = TrainedTestModel.copyTo(tmp.resolve("model"));

        CliRun run = run(Map.of(), "export", "--model", model.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        Path file = model.resolve("model.tflite");
        assertThat(run.out()).contains("Exported", file.toString(), "float32", "serving runtime: tflite");
        try (TfliteDigitClassifier classifier = TfliteDigitClassifier.open(file)) {
            assertThat(classifier.info().labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(classifier.info().properties()).containsEntry("quantization", "none");
        }
    }

    @Test
    void int8FromEnvironmentVariablesCalibratesOnTrainingPhotos() {
        Path model = TrainedTestModel.copyTo(tmp.resolve("model"));
        Map<String, String> env = Map.of("SIGNDIGITS_MODEL", model.toString(), "SIGNDIGITS_QUANTIZE", "int8",
                "SIGNDIGITS_DATA_DIR", TrainedTestModel.DATA.toString(), "SIGNDIGITS_CALIBRATION_IMAGES", "20");

        CliRun run = run(env, "export");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("calibrated on 20 training photos", "% of float32)", "serving runtime: tflite-int8");
        try (TfliteDigitClassifier classifier = TfliteDigitClassifier.open(model.resolve("model-int8.tflite"))) {
            assertThat(classifier.info().properties()).containsEntry("quantization", "int8")
                    .containsEntry("calibration_images", "20");
        }
    }

    @Test
    void onnxGoesWhereExportOutSays() {
        Path model = TrainedTestModel.copyTo(tmp.resolve("model"));
        Path target = tmp.resolve("deploy/classifier.onnx");

        CliRun run = run(Map.of(), "export", "--model", model.toString(), "--format", "ONNX", "--export-out", target.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(model.resolve("model.onnx")).doesNotExist();
        try (OnnxDigitClassifier classifier = OnnxDigitClassifier.open(target)) {
            assertThat(classifier.info().runtime()).isEqualTo("onnx");
        }
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).as("no temporary files left behind").containsExactly(target);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDirectoryThatIsNotAModelGetsTheClearError() throws Exception {
        Path notAModel = Files.createDirectories(tmp.resolve("photos"));

        CliRun run = run(Map.of(), "export", "--model", notAModel.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(notAModel.toString(), "is not a signdigits model").doesNotContain("Exception");
        assertThat(notAModel.resolve("model.tflite")).doesNotExist();
    }

    @Test
    void refusesUnknownFormatsAndQuantizedOnnx() {
        Path model = TrainedTestModel.directory();

        CliRun pt = run(Map.of(), "export", "--model", model.toString(), "--format", "torchscript");
        CliRun onnxInt8 = run(Map.of(), "export", "--model", model.toString(), "--format", "onnx", "--quantize", "int8");
        CliRun int4 = run(Map.of(), "export", "--model", model.toString(), "--quantize", "int4");

        assertThat(pt.exit()).isEqualTo(2);
        assertThat(pt.err()).contains("Unknown export format 'torchscript'", "[tflite, onnx]");
        assertThat(onnxInt8.exit()).isEqualTo(2);
        assertThat(onnxInt8.err()).contains("ONNX export writes float32 only");
        assertThat(int4.exit()).isEqualTo(2);
        assertThat(int4.err()).contains("Unknown quantization 'int4'", "[none, float16, int8]");
    }

    @Test
    void int8WithoutTheTrainingPhotosNamesTheDataDirectory() throws Exception {
        Path model = TrainedTestModel.copyTo(tmp.resolve("model"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode metadata = (ObjectNode) json.readTree(model.resolve("model.json").toFile());
        ((ObjectNode) metadata.get("provenance")).put("dataset_dir", tmp.resolve("gone").toString());
        json.writeValue(model.resolve("model.json").toFile(), metadata);
        Path missing = tmp.resolve("no-such-dataset");

        CliRun run = run(Map.of(), "export", "--model", model.toString(), "--quantize", "int8", "--data-dir", missing.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(missing.toString(), "--data-dir");
        assertThat(model.resolve("model-int8.tflite")).doesNotExist();
    }
}
