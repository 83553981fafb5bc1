package dev.signdigits.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.model.onnx.OnnxWriter;
import dev.signdigits.model.tflite.ActivationStats;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.NhwcLayout;
import dev.signdigits.model.tflite.TensorType;
import dev.signdigits.model.export.TfliteCalibrator;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteOperator;
import dev.signdigits.model.tflite.TfliteReader;
import dev.signdigits.model.tflite.TfliteWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.InvertedResidual;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.RandomizedNetworks;

/**
 * Folding and both writers on networks with random weights and random batch-norm statistics
 * (so folding is not the identity), MobileNet v1 at an input size that makes TF-SAME pads
 * uneven and v2 with its residual adds: the TFLite and ONNX runtimes must compute what DJL does.
 */
class GraphFolderTest {
    private static final int CLASSES = 5;
    private static final int IMAGES = 3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void mobileNetV1WithUnevenSamePaddingMatchesDjlInTfliteAndOnnx() throws Exception {
        checkAgainstDjl(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 75), 1);
    }

    @Test
    void mobileNetV2WithResidualAddsMatchesDjlInTfliteAndOnnx() throws Exception {
        checkAgainstDjl(new MobileNetSpec(MobileNetSpec.V2, 0.5f, 64), 2);
    }

    @Test
    void foldsEveryBatchNormAndDropsDropout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V2, 0.25f, 64);
            List<NamedLayer> layers = initialized(spec, manager, new Random(3));
            FoldedGraph graph = GraphFolder.fold(layers, spec.inputSize());
            long batchNorms = LayerStack.flatten(layers).stream().filter(l -> l.block() instanceof BatchNorm).count();
            assertThat(graph.ops().stream().filter(op -> op instanceof GraphOp.Conv)).hasSize((int) batchNorms);
            long shortcuts = layers.stream().filter(l -> l.block() instanceof InvertedResidual).count();
            assertThat(shortcuts).isGreaterThan(5);
            assertThat(graph.ops().stream().filter(op -> op instanceof GraphOp.Add)).hasSize((int) shortcuts);
            assertThat(graph.ops().stream().filter(op -> op instanceof GraphOp.Conv c && c.relu6()))
                    .hasSize((int) LayerStack.flatten(layers).stream().filter(l -> l.name().endsWith("relu")).count());
            assertThat(graph.ops().get(graph.ops().size() - 1)).isInstanceOf(GraphOp.Dense.class);
            assertThat(graph.numClasses()).isEqualTo(CLASSES);
            assertThat(graph.tensor(graph.logits()).isVector()).isTrue();
        }
    }

    private void checkAgainstDjl(MobileNetSpec spec, long seed) throws Exception {
        Random random = new Random(seed);
        int size = spec.inputSize();
        float[] input = new float[IMAGES * 3 * size * size];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat() * 2 - 1;
        }
        float[] expected;
        FoldedGraph graph;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedLayer> layers = initialized(spec, manager, random);
            SequentialBlock block = LayerStack.sequential(layers);
            NDArray x = manager.create(input, spec.inputShape(IMAGES));
            expected = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().softmax(1).toFloatArray();
            graph = GraphFolder.fold(layers, size);
        }

        Path onnx = Files.write(tmp.resolve("net.onnx"), OnnxWriter.write(graph, Map.of(), "test", "test"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {IMAGES, 3, size, size});
             OrtSession.Result result = session.run(Map.of(OnnxWriter.INPUT, tensor))) {
            float[][] probabilities = (float[][]) result.get(0).getValue();
            for (int i = 0; i < IMAGES; i++) {
                assertClose(probabilities[i], expected, i);
            }
        }

        Path tflite = Files.write(tmp.resolve("net.tflite"),
                TfliteWriter.write(graph, TfliteWriter.Precision.FLOAT32, null, new byte[0], "test").bytes());
        List<float[]> nhwc = new ArrayList<>();
        try (TfliteInterpreter runtime = TfliteInterpreter.open(tflite, 1)) {
            for (int i = 0; i < IMAGES; i++) {
                float[] image = new float[3 * size * size];
                NhwcLayout.imageToHwc(input, i * image.length, 3, size, size, image);
                nhwc.add(image);
                assertClose(runtime.run(image), expected, i);
            }
        }

        // The int8 model of the same graph loads and yields a distribution (ADD and all other ops in int8).
        TfliteWriter.Result inspection = TfliteWriter.writeForInspection(graph, TfliteWriter.Precision.FLOAT32, null);
        Path calibration = Files.write(tmp.resolve("calibration.tflite"), inspection.bytes());
        ActivationStats stats = TfliteCalibrator.calibrate(calibration, graph, inspection.tensorIndex(), nhwc, image -> image);
        stats.setRange(graph.input(), -1, 1);
        Path int8 = Files.write(tmp.resolve("net-int8.tflite"),
                TfliteWriter.write(graph, TfliteWriter.Precision.INT8, stats, new byte[0], "test").bytes());
        TfliteModel parsed = TfliteReader.read(int8);
        assertThat(parsed.mainGraph().operators()).extracting(TfliteOperator::builtinCode)
                .startsWith(BuiltinOperators.QUANTIZE).endsWith(BuiltinOperators.SOFTMAX, BuiltinOperators.DEQUANTIZE);
        assertThat(parsed.mainGraph().input(0).type()).isEqualTo(TensorType.FLOAT32);
        try (TfliteInterpreter runtime = TfliteInterpreter.open(int8, 1)) {
            float sum = 0;
            for (float p : runtime.run(nhwc.get(0))) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(CLASSES / 256f));
        }
    }

    private static void assertClose(float[] actual, float[] expected, int image) {
        for (int c = 0; c < CLASSES; c++) {
            assertThat(actual[c]).as("image %d class %d", image, c)
                    .isCloseTo(expected[image * CLASSES + c], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    private static List<NamedLayer> initialized(MobileNetSpec spec, NDManager manager, Random random) {
        return RandomizedNetworks.classifier(spec, CLASSES, manager, random);
    }
}
