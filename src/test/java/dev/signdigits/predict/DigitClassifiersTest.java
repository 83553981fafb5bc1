package dev.signdigits.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.SignDigitsException;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.onnx.OnnxDigitClassifier;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;

/** Opening runtimes by name, their errors, and concurrent use. */
@Tag("slow")
class DigitClassifiersTest {
    @TempDir
    static Path tmp;

    static Path model;
    static List<BufferedImage> photos = new ArrayList<>();
    static List<String> digits = new ArrayList<>();

    @BeforeAll
    static void exportEverything() throws IOException {
        model = TrainedTestModel.copyTo(tmp.resolve("model"));
        for (ExportFormat format : ExportFormat.values()) {
            for (Quantize quantize : Quantize.values()) {
                if (format == ExportFormat.TFLITE || quantize == Quantize.NONE) {
                    ModelExporter.export(new ExportRequest(model, format, quantize, null, TrainedTestModel.DATA, 30));
                }
            }
        }
        ImageDecoder decoder = new ImageDecoder();
        for (int digit = 0; digit < 10; digit++) {
            try (Stream<Path> files = Files.list(TrainedTestModel.DATA.resolve(Integer.toString(digit)))) {
                for (Path file : files.sorted().limit(2).toList()) {
                    photos.add(decoder.decode(file).rgb());
                    digits.add(Integer.toString(digit));
                }
            }
        }
    }

    @Test
    void everyRuntimeServesTheModelDirectoryAndAgreesWithDjl() {
        List<float[]> reference;
        try (DigitClassifier djl = DigitClassifiers.open("djl", model)) {
            reference = djl.classify(photos);
            assertThat(djl.info().runtime()).isEqualTo("djl");
        }
        long right = 0;
        for (int i = 0; i < photos.size(); i++) {
            right += Integer.toString(argmax(reference.get(i))).equals(digits.get(i)) ? 1 : 0;
        }
        assertThat(right).as("the test model knows most of these photos").isGreaterThan(14);
        for (String runtime : List.of("tflite", "tflite-float16", "tflite-int8", "onnx")) {
            try (DigitClassifier classifier = DigitClassifiers.open(runtime, model, 1, 2)) {
                List<float[]> probabilities = classifier.classify(photos);
                assertThat(classifier.info().runtime()).isEqualTo(runtime);
                assertThat(classifier.info().inputSize()).isEqualTo(128);
                int agree = 0;
                for (int i = 0; i < photos.size(); i++) {
                    assertThat(sum(probabilities.get(i))).as(runtime).isCloseTo(1.0, within(0.03));
                    agree += argmax(probabilities.get(i)) == argmax(reference.get(i)) ? 1 : 0;
                }
                assertThat(agree).as(runtime + " top-1 agreement with djl").isGreaterThanOrEqualTo(photos.size() - 1);
            }
        }
    }

    @Test
    void aFileIsServedAsIs() {
        try (DigitClassifier classifier = DigitClassifiers.open("tflite", model.resolve("model-int8.tflite"))) {
            assertThat(classifier.info().properties()).containsEntry("quantization", "int8");
        }
        assertThat(DigitClassifiers.modelFile("onnx", model)).isEqualTo(model.resolve("model.onnx"));
        assertThat(DigitClassifiers.modelFile("tflite-float16", model)).isEqualTo(model.resolve("model-float16.tflite"));
    }

    @Test
    void saysWhatIsMissingAndHowToMakeIt() throws IOException {
        Path bare = TrainedTestModel.copyTo(tmp.resolve("bare"));

        assertThatThrownBy(() -> DigitClassifiers.open("tflite-int8", bare))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("model-int8.tflite")
                .hasMessageContaining("signdigits export --model " + bare + " --format tflite --quantize int8");
        assertThatThrownBy(() -> DigitClassifiers.open("pytorch", bare))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("Unknown runtime 'pytorch'")
                .hasMessageContaining("[auto, djl, tflite, tflite-float16, tflite-int8, onnx]");
        assertThatThrownBy(() -> DigitClassifiers.open("djl", model.resolve("model.onnx")))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("loads a model directory");
        assertThatThrownBy(() -> DigitClassifiers.open("onnx", tmp.resolve("nowhere")))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesFilesSigndigitsDidNotExport() throws IOException {
        Path stock = Path.of("..", "shared", "pretrained", "mobilenet_v1_0.25_128_quant.tflite");
        byte[] noise = new byte[4096];
        new Random(9).nextBytes(noise);
        Path fakeOnnx = Files.write(tmp.resolve("noise.onnx"), noise);
        Path fakeTflite = Files.write(tmp.resolve("noise.tflite"), noise);

        assertThatThrownBy(() -> DigitClassifiers.open("tflite", stock))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("has no signdigits metadata");
        assertThatThrownBy(() -> DigitClassifiers.open("onnx", fakeOnnx))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("ONNX Runtime cannot load " + fakeOnnx);
        assertThatThrownBy(() -> DigitClassifiers.open("tflite", fakeTflite))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("is not a TFLite model");
    }

    @Test
    void concurrentCallsGetTheSameAnswersAsOneAtATime() throws Exception {
        for (String runtime : List.of("tflite-int8", "onnx")) {
            DigitClassifier classifier = runtime.equals("onnx")
                    ? OnnxDigitClassifier.open(DigitClassifiers.modelFile(runtime, model), 1)
                    : TfliteDigitClassifier.open(DigitClassifiers.modelFile(runtime, model), 2, 1);
            try (classifier) {
                List<float[]> sequential = new ArrayList<>();
                for (BufferedImage photo : photos) {
                    sequential.add(classifier.classify(List.of(photo)).get(0));
                }
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<float[]>> futures = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (BufferedImage photo : photos) {
                            futures.add(pool.submit(() -> classifier.classify(List.of(photo)).get(0)));
                        }
                    }
                    for (int i = 0; i < futures.size(); i++) {
                        assertThat(futures.get(i).get()).as(runtime + " call " + i)
                                .containsExactly(sequential.get(i % photos.size()), within(1e-6f));
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            assertThatThrownBy(() -> classifier.classify(photos.subList(0, 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double sum(float[] p) {
        double s = 0;
        for (float v : p) {
            s += v;
        }
        return s;
    }
}
