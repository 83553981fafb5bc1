package dev.signdigits.model.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8QuantizerTest {

    @Test
    void activationRangesHoldZeroExactlyAndSpanTheInt8Range() {
        Quantization relu6 = Int8Quantizer.activation(0f, 6f);
        assertThat(relu6.scale(0)).isCloseTo(6f / 255, within(1e-7f));
        assertThat(relu6.zeroPoint(0)).isEqualTo(-128);

        Quantization positive = Int8Quantizer.activation(2f, 5f);
        assertThat(positive.zeroPoint(0)).as("the range is widened to include 0").isEqualTo(-128);

        Quantization symmetricish = Int8Quantizer.activation(-4f, 6f);
        float scale = symmetricish.scale(0);
        long zero = symmetricish.zeroPoint(0);
        assertThat(scale * (-128 - zero)).isCloseTo(-4f, within(scale));
        assertThat(scale * (127 - zero)).isCloseTo(6f, within(scale));
    }

    @Test
    void weightsOnAQuantizedGridAreRepresentedExactly() {
        // weights of an imported uint8 model: a grid step times integers up to 120 in magnitude
        float step = 0.0123f;
        Random random = new Random(1);
        float[] weights = new float[64];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = step * (random.nextInt(241) - 120);
        }
        weights[0] = step * 120;
        double scale = Int8Quantizer.bestScale(weights, 0, weights.length);
        for (float w : weights) {
            double q = w / scale;
            assertThat(Math.abs(q - Math.rint(q))).isLessThan(1e-3);
        }
        assertThat(scale).as("max/127 would re-round every weight").isNotCloseTo(step * 120 / 127, within(1e-6));
    }

    @Test
    void arbitraryWeightsUseTheFullRangeWithoutClipping() {
        Random random = new Random(2);
        float[] weights = new float[500];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        double scale = Int8Quantizer.bestScale(weights, 0, weights.length);
        double max = 0;
        for (float w : weights) {
            max = Math.max(max, Math.abs(w));
        }
        assertThat(max / scale).isLessThanOrEqualTo(127 + 1e-6).isGreaterThan(120);
    }

    @Test
    void perChannelScalesKeepLargeBiasesInsideInt32() {
        float[] weights = {1e-9f, -1e-9f, 0.5f, -0.25f};
        float[] bias = {1000f, 0.1f};
        float inputScale = 1e-3f;
        float[] scales = Int8Quantizer.channelScales(weights, 2, bias, inputScale);
        int[] q = Int8Quantizer.bias(bias, inputScale, scales);
        assertThat(q[0]).isLessThan(Integer.MAX_VALUE);
        assertThat(q[0] * (double) inputScale * scales[0]).isCloseTo(1000, within(1.0));
        assertThat(scales[1]).isCloseTo(0.5f / 127, within(1e-4f));
    }

    @Test
    void biasCorrectionCancelsTheMeanErrorOfRoundedWeights() {
        Random random = new Random(3);
        int out = 4;
        int in = 32;
        float[] weights = new float[out * in];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian() * 0.1f;
        }
        float[] bias = new float[out];
        float[] means = new float[in];
        for (int i = 0; i < in; i++) {
            means[i] = 1 + random.nextFloat() * 2; // post-ReLU6 inputs: positive means
        }
        float[] scales = Int8Quantizer.channelScales(weights, out, bias, 1f / 64);
        float[] corrected = Int8Quantizer.correctedBias(weights, scales, bias, means, (o, j) -> j);
        byte[] q = Int8Quantizer.weights(weights, scales, i -> i / in);
        for (int o = 0; o < out; o++) {
            double exact = 0;
            double rounded = 0;
            for (int j = 0; j < in; j++) {
                exact += weights[o * in + j] * means[j];
                rounded += q[o * in + j] * scales[o] * means[j];
            }
            assertThat(rounded + corrected[o]).as("channel %d", o).isCloseTo(exact + bias[o], within(1e-4));
        }
    }
}
