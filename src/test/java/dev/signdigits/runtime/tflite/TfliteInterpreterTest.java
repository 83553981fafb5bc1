package dev.signdigits.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfliteInterpreterTest {
    private static final Path V1_025 = Path.of("..", "shared", "pretrained", "mobilenet_v1_0.25_128_quant.tflite");

    @Test
    void runsAQuantizedClassifierAndDequantizesItsOutput() {
        try (TfliteInterpreter runtime = TfliteInterpreter.open(V1_025, 1)) {
            assertThat(runtime.input().shape()).containsExactly(1, 128, 128, 3);
            assertThat(runtime.input().quantized()).isTrue();
            byte[] grey = new byte[128 * 128 * 3];
            java.util.Arrays.fill(grey, (byte) 128);

            float[] probabilities = runtime.runQuantized(grey);
            float[] same = runtime.run(new float[grey.length]); // real 0.0 quantizes to 128

            assertThat(probabilities).hasSize(1001);
            assertThat(runtime.output().scale()).isEqualTo(1f / 256);
            double sum = 0;
            for (float p : probabilities) {
                // dequantized uint8 softmax: multiples of 1/256 in [0, 1] (small classes round to 0)
                assertThat(p).isBetween(0f, 1f);
                assertThat(p * 256).isEqualTo((float) Math.rint(p * 256));
                sum += p;
            }
            assertThat(sum).isBetween(0.1, 1.01);
            assertThat(same).containsExactly(probabilities);
        }
    }

    @Test
    void refusesAFileTheRuntimeCannotLoad(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("text.tflite"), "this is not a model");

        assertThatThrownBy(() -> TfliteInterpreter.open(file, 1))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a valid .tflite file");
    }

    @Test
    void checksTheInputLength() {
        try (TfliteInterpreter runtime = TfliteInterpreter.open(V1_025, 1)) {
            assertThatThrownBy(() -> runtime.runQuantized(new byte[10]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expects 49152 input values, got 10");
        }
    }
}
