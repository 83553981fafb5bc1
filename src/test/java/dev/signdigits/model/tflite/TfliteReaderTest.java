package dev.signdigits.model.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.Padding;

class TfliteReaderTest {
    private static final Path PRETRAINED = Path.of("..", "shared", "pretrained");
    private static final Path V1_025 = PRETRAINED.resolve("mobilenet_v1_0.25_128_quant.tflite");

    @TempDir
    Path tmp;

    @Test
    void readsTheGraphOfARealClassifier() {
        TfliteModel model = TfliteReader.read(V1_025);
        TfliteSubgraph graph = model.mainGraph();

        assertThat(model.version()).isEqualTo(3);
        TfliteTensor input = graph.input(0);
        assertThat(input.shape()).containsExactly(1, 128, 128, 3);
        assertThat(input.type()).isEqualTo(TensorType.UINT8);
        // these files expect [-1, 1]: real = (q - 128) / 128
        assertThat(input.quantization().scale(0)).isEqualTo(1f / 128);
        assertThat(input.quantization().zeroPoint(0)).isEqualTo(128);
        assertThat(graph.output(0).shape()).containsExactly(1, 1001);

        TfliteOperator first = graph.operators().get(0);
        assertThat(first.name()).isEqualTo("CONV_2D");
        assertThat(first.options()).isInstanceOfSatisfying(OperatorOptions.Conv2D.class, c -> {
            assertThat(c.strideW()).isEqualTo(2);
            assertThat(c.padding()).isEqualTo(Padding.SAME);
            assertThat(c.activation()).isEqualTo(Activation.RELU6);
        });
        assertThat(graph.tensor(first.input(1)).shape()).containsExactly(8, 3, 3, 3);
        assertThat(graph.tensor(first.input(2)).type()).isEqualTo(TensorType.INT32);
        assertThat(graph.operators().get(1).options()).isInstanceOfSatisfying(OperatorOptions.DepthwiseConv2D.class,
                d -> assertThat(d.depthMultiplier()).isEqualTo(1));
        assertThat(graph.operators()).extracting(TfliteOperator::name)
                .containsOnly("CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "SOFTMAX");
        assertThat(graph.operators().get(graph.operators().size() - 1).options())
                .isEqualTo(new OperatorOptions.Softmax(1.0f));
    }

    @Test
    void dequantizesWeightsAndBiasWithScaleAndZeroPoint() {
        TfliteModel model = TfliteReader.read(V1_025);
        TfliteSubgraph graph = model.mainGraph();
        TfliteTensor weights = graph.tensor(graph.operators().get(0).input(1));
        ByteBuffer raw = model.data(weights);
        float[] real = TensorValues.dequantize(model, weights);

        assertThat(real).hasSize(8 * 3 * 3 * 3);
        Quantization q = weights.quantization();
        for (int i : new int[] {0, 17, real.length - 1}) {
            assertThat(real[i]).isEqualTo(q.scale(0) * ((raw.get(i) & 0xff) - q.zeroPoint(0)));
        }
        TfliteTensor bias = graph.tensor(graph.operators().get(0).input(2));
        int firstBias = model.data(bias).getInt(0);
        assertThat(TensorValues.dequantize(model, bias)[0]).isEqualTo(bias.quantization().scale(0) * firstBias);
    }

    @Test
    void dequantizesPerAxisAlongTheQuantizedDimension() {
        TinyTflite tiny = new TinyTflite();
        int buffer = tiny.buffer(new byte[] {1, 2, 3, 4, 5, 6});
        // int8 tensor [2, 3], one scale and zero point per column (dimension 1)
        int t = tiny.tensor("w", TinyTflite.INT8, buffer, new float[] {1f, 10f, 100f}, new long[] {0, 1, 2}, 1, 2, 3);
        tiny.io(new int[] {t}, new int[] {t});
        TfliteModel model = TfliteReader.parse(ByteBuffer.wrap(tiny.build()), "tiny");

        float[] real = TensorValues.dequantize(model, model.mainGraph().tensor(t));

        assertThat(real).containsExactly(1f * (1 - 0), 10f * (2 - 1), 100f * (3 - 2), 1f * (4 - 0), 10f * (5 - 1), 100f * (6 - 2));
    }

    @Test
    void takesTheLargerOfTheDeprecatedAndTheNewBuiltinCode() {
        TinyTflite tiny = new TinyTflite();
        tiny.opcode(127, 126); // codes above 126 are written as 127 in the old byte field
        tiny.opcode(BuiltinOperators.CONV_2D, 0); // old writers leave the new field at 0
        TfliteModel model = TfliteReader.parse(ByteBuffer.wrap(tiny.build()), "tiny");

        assertThat(model.operatorCodes()).extracting(OperatorCode::builtinCode).containsExactly(127, BuiltinOperators.CONV_2D);
        assertThat(BuiltinOperators.name(126)).isEqualTo("BATCH_MATMUL");
        assertThat(BuiltinOperators.name(BuiltinOperators.QUANTIZE)).isEqualTo("QUANTIZE");
        assertThat(BuiltinOperators.name(BuiltinOperators.SQUEEZE)).isEqualTo("SQUEEZE");
    }

    @Test
    void refusesAFileWithoutTheTfliteIdentifier() throws IOException {
        byte[] bytes = new byte[64];
        new Random(1).nextBytes(bytes);
        System.arraycopy("JFIF".getBytes(), 0, bytes, 4, 4);
        Path file = Files.write(tmp.resolve("photo.tflite"), bytes);

        assertThatThrownBy(() -> TfliteReader.read(file))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a TFLite model")
                .hasMessageContaining("\"TFL3\" at offset 4")
                .hasMessageContaining("found \"JFIF\"");
    }

    @Test
    void refusesAnEmptyOrTinyFile() throws IOException {
        Path file = Files.write(tmp.resolve("empty.tflite"), new byte[3]);

        assertThatThrownBy(() -> TfliteReader.read(file))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("only 3 bytes");
    }

    @Test
    void reportsATruncatedFileWithTheOffsetThatLiesBeyondIt() throws IOException {
        byte[] whole = Files.readAllBytes(V1_025);
        Path file = Files.write(tmp.resolve("half.tflite"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> TfliteReader.read(file))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageMatching(".*offset \\d+ .* beyond the file size of " + whole.length / 2 + " bytes.*");
    }

    @Test
    void reportsARootOffsetPointingOutsideTheFile() {
        byte[] bytes = new TinyTflite().build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1 << 30);

        assertThatThrownBy(() -> TfliteReader.parse(ByteBuffer.wrap(bytes), "broken.tflite"))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("broken.tflite is truncated or corrupt")
                .hasMessageContaining("offset " + (1 << 30));
    }

    @Test
    void refusesAnOldSchemaVersion() {
        byte[] bytes = new TinyTflite().version(2).build();

        assertThatThrownBy(() -> TfliteReader.parse(ByteBuffer.wrap(bytes), "old.tflite"))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("schema version 2");
    }

    @Test
    void namesAMissingFile() {
        Path missing = tmp.resolve("nope.tflite");

        assertThatThrownBy(() -> TfliteReader.read(missing))
                .isInstanceOf(SignDigitsException.class)
                .hasMessage("TFLite file " + missing + " does not exist; check the path.");
    }

    @Test
    void samePaddingPutsTheExtraPixelAtTheEnd() {
        assertThat(Padding.SAME.amounts(224, 3, 2, 1)).containsExactly(0, 1);
        assertThat(Padding.SAME.amounts(7, 3, 2, 1)).containsExactly(1, 1);
        assertThat(Padding.SAME.amounts(56, 3, 1, 1)).containsExactly(1, 1);
        assertThat(Padding.VALID.amounts(224, 3, 2, 1)).containsExactly(0, 0);
    }
}
