package dev.signdigits.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.runtime.DigitClassifier;

/**
 * The exported-model runtimes work in a JVM that has neither DJL nor PyTorch on its class path,
 * as in a serving image built for TFLite or ONNX.
 */
@Tag("slow")
class RuntimeWithoutPyTorchTest {
    @TempDir
    Path tmp;

    @Test
    void tfliteAndOnnxServeWithoutDjlOrPyTorch() throws Exception {
        Path model = TrainedTestModel.copyTo(tmp.resolve("model"));
        ModelExporter.export(new ExportRequest(model, ExportFormat.TFLITE, Quantize.INT8, null, TrainedTestModel.DATA, 20));
        ModelExporter.export(new ExportRequest(model, ExportFormat.ONNX, Quantize.NONE, null, TrainedTestModel.DATA, 0));
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains(File.separator + "djl") && !entry.contains("pytorch"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("pytorch-engine").contains("tensorflow-lite", "onnxruntime");
        Path photo = TrainedTestModel.DATA.resolve("3").resolve("IMG_1121.JPG");

        for (String runtime : List.of("tflite-int8", "onnx")) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, "-Xmx512m", RuntimeWithoutPyTorchMain.class.getName(), runtime, model.toString(),
                    photo.toString()).redirectErrorStream(true).start();
            child.getOutputStream().close();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).as(runtime).contains("digit " + inProcess(runtime, model, photo) + " via "
                    + (runtime.equals("onnx") ? "onnx" : "tflite"));
        }
    }

    private static String inProcess(String runtime, Path model, Path photo) {
        try (DigitClassifier classifier = DigitClassifiers.open(runtime, model)) {
            PhotoPrediction p = new PhotoPredictor(classifier, new ImageDecoder(), 1).predict(List.of(photo), 1).get(0);
            return p.digit();
        }
    }
}
