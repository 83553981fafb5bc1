package dev.signdigits.model.tflite;

/**
 * The arithmetic of TFLite's int8 quantization: activations per tensor, asymmetric
 * ({@code real = scale * (q - zeroPoint)}, q in -128..127, the range always holding 0 exactly);
 * weights per output channel, symmetric (zero point 0, q in -127..127); biases int32 with scale
 * {@code inputScale * weightScale}.
 */
final class Int8Quantizer {
    private static final double INT32_MAX = Integer.MAX_VALUE;
    private static final float MIN_SCALE = 1e-9f;

    private Int8Quantizer() {}

    /** Scale and zero point of an activation tensor whose values lie in [min, max]. */
    static Quantization activation(float min, float max) {
        double lo = Math.min(0, min);
        double hi = Math.max(0, max);
        double scale = Math.max((hi - lo) / 255.0, MIN_SCALE);
        long zeroPoint = Math.round(-128 - lo / scale);
        zeroPoint = Math.max(-128, Math.min(127, zeroPoint));
        return new Quantization(new float[] {(float) scale}, new long[] {zeroPoint}, 0);
    }

    /**
     * Per-channel weight scales over each channel's consecutive values (channel-major layout): see
     * {@link #bestScale}; raised where needed so that the channel's bias fits in int32 at
     * {@code inputScale * scale}.
     */
    static float[] channelScales(float[] channelMajor, int channels, float[] bias, float inputScale) {
        int perChannel = channelMajor.length / channels;
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            double biasFloor = Math.abs(bias[c]) / (inputScale * INT32_MAX) * 1.01;
            scales[c] = (float) Math.max(bestScale(channelMajor, c * perChannel, perChannel), biasFloor);
        }
        return scales;
    }

    /** One scale for a whole tensor (used for the dense layer's weights). */
    static float tensorScale(float[] values, float[] bias, float inputScale) {
        double biasMax = 0;
        for (float b : bias) {
            biasMax = Math.max(biasMax, Math.abs(b));
        }
        return (float) Math.max(bestScale(values, 0, values.length), biasMax / (inputScale * INT32_MAX) * 1.01);
    }

    /**
     * The scale {@code max|w| / n}, n in 1..127, whose rounding error (sum of squares) is smallest;
     * none clips. Usually n = 127, but weights imported from a quantized model lie on a grid, and a
     * scale on that grid (n = the largest level, or half of it) represents them exactly instead of
     * adding a second rounding.
     */
    static double bestScale(float[] values, int from, int length) {
        double maxAbs = 0;
        for (int i = from; i < from + length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(values[i]));
        }
        if (maxAbs == 0) {
            return MIN_SCALE;
        }
        double best = maxAbs / 127;
        double bestError = roundingError(values, from, length, best, Double.POSITIVE_INFINITY);
        for (int n = 126; n >= 1 && bestError > 0; n--) {
            double scale = maxAbs / n;
            double error = roundingError(values, from, length, scale, bestError);
            if (error < bestError) {
                best = scale;
                bestError = error;
            }
        }
        return Math.max(best, MIN_SCALE);
    }

    /** Sum of squared rounding errors at {@code scale}, or early any value at least {@code limit}. */
    private static double roundingError(float[] values, int from, int length, double scale, double limit) {
        double error = 0;
        for (int i = from; i < from + length && error < limit; i++) {
            double v = values[i] / scale;
            double d = (v - Math.rint(v)) * scale;
            error += d * d;
        }
        return error;
    }

    /** Symmetric int8 values; {@code channelOf[i]} names the scale of value i. */
    static byte[] weights(float[] values, float[] scales, ChannelIndex channelOf) {
        byte[] q = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            long v = Math.round(values[i] / scales[channelOf.of(i)]);
            q[i] = (byte) Math.max(-127, Math.min(127, v));
        }
        return q;
    }

    /** int32 biases at {@code inputScale * weightScale[c]} (one weight scale repeats for all channels). */
    static int[] bias(float[] bias, float inputScale, float[] weightScales) {
        int[] q = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double scale = (double) inputScale * weightScales[weightScales.length == 1 ? 0 : c];
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(bias[c] / scale)));
        }
        return q;
    }

    static float[] biasScales(float inputScale, float[] weightScales) {
        float[] scales = new float[weightScales.length];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = inputScale * weightScales[c];
        }
        return scales;
    }

    /**
     * Bias correction: rounding weights shifts each output by {@code sum((w - wq) * x)} on average,
     * which does not cancel when inputs are mostly positive (after ReLU6); adding the shift computed
     * with the calibration means of the inputs removes it. {@code channelMajor} holds each output
     * channel's weights contiguously; {@code inputOf} names the input channel of weight j of output o.
     */
    static float[] correctedBias(float[] channelMajor, float[] scales, float[] bias, float[] inputMeans,
                                 InputChannel inputOf) {
        int perChannel = channelMajor.length / bias.length;
        float[] corrected = new float[bias.length];
        for (int o = 0; o < bias.length; o++) {
            float scale = scales[scales.length == 1 ? 0 : o];
            double shift = 0;
            for (int j = 0; j < perChannel; j++) {
                float w = channelMajor[o * perChannel + j];
                double wq = scale * Math.max(-127, Math.min(127, Math.round(w / scale)));
                shift += (w - wq) * inputMeans[inputOf.of(o, j)];
            }
            corrected[o] = (float) (bias[o] + shift);
        }
        return corrected;
    }

    /** The input channel that weight {@code j} of output channel {@code o} reads. */
    @FunctionalInterface
    interface InputChannel {
        int of(int output, int j);
    }

    /** Which channel (scale) an element of a weight layout belongs to. */
    @FunctionalInterface
    interface ChannelIndex {
        int of(int element);
    }
}
