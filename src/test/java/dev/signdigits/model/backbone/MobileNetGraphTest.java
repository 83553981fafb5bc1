package dev.signdigits.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.TfliteReader;
import dev.signdigits.model.tflite.TinyTflite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.model.SampleImages;

class MobileNetGraphTest {
    @TempDir
    Path tmp;

    private static MobileNetGraph recognize(String file) {
        return MobileNetGraph.recognize(TfliteReader.read(SampleImages.PRETRAINED.resolve(file)));
    }

    @Test
    void recognizesEverySharedFile() {
        assertThat(recognize("mobilenet_v1_1.0_224_quant_embedding_extractor.tflite"))
                .satisfies(g -> {
                    assertThat(g.spec()).isEqualTo(MobileNetSpec.defaultV1());
                    assertThat(g.numClasses()).isZero();
                    assertThat(g.logits()).isNull();
                    assertThat(g.preprocessing()).isEqualTo(Preprocessing.MINUS_ONE_TO_ONE);
                });
        assertThat(recognize("mobilenet_v1_0.25_128_quant.tflite").spec()).isEqualTo(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 128));
        assertThat(recognize("mobilenet_v1_0.5_160_quant.tflite").spec()).isEqualTo(new MobileNetSpec(MobileNetSpec.V1, 0.5f, 160));
        assertThat(recognize("mobilenet_v1_0.75_192_quant.tflite").numClasses()).isEqualTo(1001);
        MobileNetGraph v2 = recognize("mobilenet_v2_1.0_224_quant.tflite");
        assertThat(v2.spec()).isEqualTo(new MobileNetSpec(MobileNetSpec.V2, 1.0f, 224));
        assertThat(v2.convolutions()).hasSize(52);
        assertThat(v2.numClasses()).isEqualTo(1001);
    }

    /** input [1,8,8,3] -> CONV_2D 3x3 -> second op -> output. */
    private Path twoOpGraph(int secondOp, int optionsType, TinyTflite.Options options) {
        TinyTflite tiny = new TinyTflite();
        int conv = tiny.opcode(BuiltinOperators.CONV_2D);
        int second = tiny.opcode(secondOp);
        int in = tiny.tensor("input", TinyTflite.FLOAT32, 0, 1, 8, 8, 3);
        int w = tiny.tensor("w", TinyTflite.FLOAT32, tiny.buffer(new byte[4 * 4 * 27]), 4, 3, 3, 3);
        int mid = tiny.tensor("mid", TinyTflite.FLOAT32, 0, 1, 4, 4, 4);
        int out = tiny.tensor("out", TinyTflite.FLOAT32, 0, 1, 1, 1, 4);
        tiny.op(conv, new int[] {in, w, -1}, new int[] {mid}, 1, TinyTflite.conv2d(0, 2, 3));
        tiny.op(second, new int[] {mid}, new int[] {out}, optionsType, options);
        return tiny.io(new int[] {in}, new int[] {out}).write(tmp.resolve("tiny.tflite"));
    }

    @Test
    void refusesAGraphThatIsNotAMobileNet() {
        Path file = twoOpGraph(BuiltinOperators.AVERAGE_POOL_2D, 5, TinyTflite.pool2d(1, 1, 4));

        assertThatThrownBy(() -> MobileNetGraph.recognize(TfliteReader.read(file)))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(file + " is not a MobileNet v1/v2 graph")
                .hasMessageContaining("it has 1 convolutions before the pooling, where MobileNet v1 has 27 and v2 has 52");
    }

    @Test
    void namesAnUnsupportedOperatorAndItsIndex() {
        Path file = twoOpGraph(17, 5, TinyTflite.pool2d(1, 1, 4));

        assertThatThrownBy(() -> MobileNetGraph.recognize(TfliteReader.read(file)))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("unsupported operator MAX_POOL_2D (builtin code 17) at operator index 1");
    }

    @Test
    void refusesAGraphWithoutPooling() {
        Path file = twoOpGraph(BuiltinOperators.RESHAPE, 0, null);

        assertThatThrownBy(() -> MobileNetGraph.recognize(TfliteReader.read(file)))
                .hasMessageContaining("it has no global average pooling");
    }

    @Test
    void importOfANonMobileNetLeavesNothingBehind() throws Exception {
        Path file = twoOpGraph(BuiltinOperators.AVERAGE_POOL_2D, 5, TinyTflite.pool2d(1, 1, 4));
        Path models = tmp.resolve("models");

        assertThatThrownBy(() -> BackboneImporter.importFile(file, models, "tiny")).isInstanceOf(SignDigitsException.class);
        assertThat(Files.exists(models.resolve("raw").resolve("tiny"))).isFalse();
    }
}
