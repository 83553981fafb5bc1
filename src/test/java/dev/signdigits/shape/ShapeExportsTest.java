package dev.signdigits.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteOperator;
import dev.signdigits.model.tflite.TfliteReader;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported files, run in the real TFLite and ONNX runtimes, answer what the Java network answers. */
class ShapeExportsTest {
    private static final int INPUTS = HandShape.FEATURES;
    private static final int HIDDEN = 64;
    private static final int OUTPUTS = 10;
    private static final int SAMPLES = 200;
    private static final float TOLERANCE = 1e-5f;
    // quotes, a backslash and non-ASCII text must survive both formats byte for byte
    private static final String METADATA = "{\"kind\":\"hand-shape\",\"labels\":[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\","
            + "\"7\",\"8\",\"9\"],\"note\":\"Zeichen \\\\ \u00fc \u270b\"}";

    private final ShapeNetwork net = network(new Random(42));
    private final float[][] features = features(new Random(7));

    @TempDir
    Path dir;

    @Test
    void tfliteAnswersWhatTheJavaNetworkAnswers() {
        Path file = dir.resolve("shape.tflite");
        ShapeExports.writeTflite(net, file, METADATA);

        float[][] probabilities = new float[SAMPLES][];
        try (TfliteInterpreter tflite = TfliteInterpreter.open(file, 1)) {
            assertThat(tflite.input().shape()).containsExactly(1, INPUTS);
            assertThat(tflite.output().shape()).containsExactly(1, OUTPUTS);
            for (int s = 0; s < SAMPLES; s++) {
                probabilities[s] = tflite.run(features[s]);
            }
        }
        assertMatchesJava(probabilities);

        TfliteModel model = TfliteReader.read(file);
        assertThat(model.mainGraph().input(0).name()).isEqualTo(ShapeExports.INPUT);
        assertThat(model.mainGraph().output(0).name()).isEqualTo(ShapeExports.OUTPUT);
        assertThat(model.mainGraph().operators()).extracting(TfliteOperator::name)
                .containsExactly("FULLY_CONNECTED", "RELU", "FULLY_CONNECTED", "SOFTMAX");
        ByteBuffer json = model.buffer(model.metadata().get(ShapeExports.METADATA_NAME));
        assertThat(StandardCharsets.UTF_8.decode(json).toString()).isEqualTo(METADATA);
    }

    @Test
    void onnxAnswersWhatTheJavaNetworkAnswersForAWholeBatch() throws OrtException {
        Path file = dir.resolve("shape.onnx");
        ShapeExports.writeOnnx(net, file, METADATA);

        FloatBuffer batch = FloatBuffer.allocate(SAMPLES * INPUTS);
        Stream.of(features).forEach(batch::put);
        batch.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, batch, new long[] {SAMPLES, INPUTS});
                 OrtSession.Result result = session.run(Map.of(ShapeExports.INPUT, input))) {
                assertThat(session.getInputNames()).containsExactly(ShapeExports.INPUT);
                assertThat(session.getOutputNames()).containsExactly(ShapeExports.OUTPUT);
                assertThat(session.getMetadata().getCustomMetadata()).containsEntry(ShapeExports.METADATA_NAME, METADATA);
                float[][] probabilities = (float[][]) result.get(ShapeExports.OUTPUT).orElseThrow().getValue();
                assertMatchesJava(probabilities);
            }
        }
    }

    @Test
    void aNetworkThatCannotAnswerIsNotExported() throws IOException {
        assertThatThrownBy(() -> new ShapeNetwork(INPUTS, HIDDEN, OUTPUTS, new float[INPUTS * HIDDEN - 1], new float[HIDDEN],
                new float[HIDDEN * OUTPUTS], new float[OUTPUTS]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inconsistent hand-shape network");

        net.w2()[17] = Float.NaN; // what a diverged training leaves behind
        assertThatThrownBy(() -> ShapeExports.writeTflite(net, dir.resolve("shape.tflite"), METADATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w2[17] = NaN");
        assertThatThrownBy(() -> ShapeExports.writeOnnx(net, dir.resolve("shape.onnx"), METADATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w2[17] = NaN");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no file, not even a temporary one").isEmpty();
        }
    }

    @Test
    void theReluCodeIsTheSchemas() {
        assertThat(BuiltinOperators.name(ShapeTfliteWriter.RELU)).isEqualTo("RELU");
    }

    private void assertMatchesJava(float[][] probabilities) {
        assertThat(probabilities).hasNumberOfRows(SAMPLES);
        Set<Integer> winners = new HashSet<>();
        for (int s = 0; s < SAMPLES; s++) {
            float[] expected = net.probabilities(features[s]);
            assertThat(probabilities[s]).as("sample " + s).containsExactly(expected, within(TOLERANCE));
            assertThat(argmax(probabilities[s])).as("top-1 of sample " + s).isEqualTo(argmax(expected));
            winners.add(argmax(expected));
        }
        // a test network whose answers were all alike would prove little about the weight layout
        assertThat(winners).hasSizeGreaterThanOrEqualTo(5);
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

    /** He-scaled layer 1 and logits a few units apart: confident answers, but not saturated ones. */
    private static ShapeNetwork network(Random random) {
        return new ShapeNetwork(INPUTS, HIDDEN, OUTPUTS,
                gaussian(random, INPUTS * HIDDEN, Math.sqrt(2.0 / INPUTS)), gaussian(random, HIDDEN, 0.1),
                gaussian(random, HIDDEN * OUTPUTS, 0.5), gaussian(random, OUTPUTS, 0.1));
    }

    /** Features on the scale {@link HandShape} produces: coordinates within a few wrist-to-knuckle lengths. */
    private static float[][] features(Random random) {
        float[][] x = new float[SAMPLES][];
        for (int s = 0; s < SAMPLES; s++) {
            x[s] = gaussian(random, INPUTS, 1.0);
        }
        return x;
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }
}
