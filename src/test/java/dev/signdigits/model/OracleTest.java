package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import dev.signdigits.model.tflite.TfliteReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.backbone.BackboneImporter;
import dev.signdigits.model.backbone.ImportedBackbone;

/**
 * Our imported networks against the reference TFLite runtime on the same pixels: the runtime gets
 * uint8 RGB, ours (p - 128) / 128 as NCHW floats. Quantized arithmetic differs from float, so the
 * bar is agreement on the answer, not on every digit.
 */
class OracleTest {
    private static final List<String> CLASSIFIERS = List.of(
            "mobilenet_v1_0.25_128_quant.tflite", "mobilenet_v1_0.5_160_quant.tflite",
            "mobilenet_v1_0.75_192_quant.tflite", "mobilenet_v2_1.0_224_quant.tflite");
    private static final String EXTRACTOR = "mobilenet_v1_1.0_224_quant_embedding_extractor.tflite";

    @TempDir
    static Path models;

    private static Map<Path, BufferedImage> photos;

    @BeforeAll
    static void setUp() {
        NativeSetup.beforeFirstDjlCall();
        photos = new LinkedHashMap<>();
        SampleImages.photos().forEach(p -> photos.put(p, SampleImages.read(p)));
    }

    /**
     * One (model, photo) pair as both runtimes see it. The runtime's uint8 softmax ties at 0 when
     * one class takes almost everything, so its ranking breaks ties by its own pre-softmax logits.
     */
    record Pair(String model, String photo, float[] runtime, float[] runtimeLogits, float[] ours) {}

    @Test
    void classifiersAgreeWithTheTfliteRuntime() {
        List<Pair> pairs = new ArrayList<>();
        for (String file : CLASSIFIERS) {
            pairs.addAll(runBoth(file, true));
        }
        assertThat(pairs).hasSize(32);
        List<String> labels = SampleImages.labels();
        int sameTop1 = 0;
        for (Pair p : pairs) {
            int runtimeTop1 = Scores.argmax(p.runtime(), p.runtimeLogits());
            float[] ours = Scores.softmax(p.ours());
            boolean same = runtimeTop1 == Scores.argmax(ours);
            sameTop1 += same ? 1 : 0;
            String what = p.model() + " on " + p.photo() + ": runtime " + labels.get(runtimeTop1) + " ("
                    + p.runtime()[runtimeTop1] + "), ours " + labels.get(Scores.argmax(ours)) + " (" + ours[Scores.argmax(ours)] + ")";
            if (p.runtime()[runtimeTop1] >= 0.5f) {
                assertThat(same).as(what).isTrue();
            }
            assertThat(Scores.overlap(Scores.topK(p.runtime(), p.runtimeLogits(), 5), Scores.topK(ours, 5))).as(what).isGreaterThanOrEqualTo(3);
        }
        assertThat(sameTop1).as("pairs with the same top-1").isGreaterThanOrEqualTo(30);
        // The input pipeline (RGB order, scaling) must give the documented answers on the best model.
        Map<String, String> known = Map.of("bird.bmp", "chickadee", "parrot.jpg", "macaw", "hot_dog.jpg", "hotdog, hot dog, red hot");
        for (Pair p : pairs) {
            if (p.model().startsWith("mobilenet_v2") && known.containsKey(p.photo())) {
                assertThat(labels.get(Scores.argmax(p.runtime(), p.runtimeLogits()))).as(p.photo()).isEqualTo(known.get(p.photo()));
                assertThat(labels.get(Scores.argmax(p.ours()))).as(p.photo()).isEqualTo(known.get(p.photo()));
            }
        }
    }

    @Test
    void embeddingExtractorMatchesTheTfliteRuntime() {
        List<Pair> pairs = runBoth(EXTRACTOR, false);
        assertThat(pairs).hasSize(8);
        double sum = 0;
        for (Pair p : pairs) {
            assertThat(p.ours()).hasSize(1024);
            double cosine = Scores.cosine(p.runtime(), p.ours());
            assertThat(cosine).as(p.photo()).isGreaterThanOrEqualTo(0.97);
            sum += cosine;
        }
        assertThat(sum / pairs.size()).as("mean cosine").isGreaterThanOrEqualTo(0.98);
    }

    /** Imports {@code file}, then runs both; {@code logits} also reads the runtime's input to SOFTMAX. */
    private static List<Pair> runBoth(String file, boolean logits) {
        Path tflite = SampleImages.PRETRAINED.resolve(file);
        BackboneImporter.Result imported = BackboneImporter.importFile(tflite, models, null);
        int logitsTensor = logits ? softmaxInput(tflite) : -1;
        List<Pair> pairs = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             TfliteInterpreter runtime = logits ? TfliteInterpreter.openForInspection(tflite) : TfliteInterpreter.open(tflite, 2)) {
            ImportedBackbone backbone = ImportedBackbone.load(imported.directory(), manager);
            int size = backbone.spec().inputSize();
            assertThat(runtime.input().shape()).containsExactly(1, size, size, 3);
            for (Map.Entry<Path, BufferedImage> photo : photos.entrySet()) {
                byte[] rgb = SampleImages.squareRgb(photo.getValue(), size);
                float[] expected = runtime.runQuantized(rgb);
                float[] expectedLogits = logits ? runtime.tensor(logitsTensor) : null;
                float[] ours;
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.create(backbone.preprocessing().toChw(rgb, size, size), backbone.spec().inputShape(1));
                    NDList out = backbone.block().forward(new ParameterStore(batch, false), new NDList(x), false);
                    ours = out.singletonOrThrow().toFloatArray();
                }
                pairs.add(new Pair(file, photo.getKey().getFileName().toString(), expected, expectedLogits, ours));
            }
        }
        return pairs;
    }

    private static int softmaxInput(Path tflite) {
        return TfliteReader.read(tflite).mainGraph().operators().stream()
                .filter(op -> op.builtinCode() == BuiltinOperators.SOFTMAX).findFirst().orElseThrow().input(0);
    }
}
