package dev.signdigits.model.tflite;

/**
 * Affine quantization of a tensor: {@code real = scale * (q - zeroPoint)}, one (scale, zero point)
 * pair for the whole tensor or one per slice along {@code dimension} (per-axis quantization).
 */
public record Quantization(float[] scale, long[] zeroPoint, int dimension) {
    public static final Quantization NONE = new Quantization(new float[0], new long[0], 0);

    public Quantization {
        scale = scale.clone();
        zeroPoint = zeroPoint.clone();
    }

    public boolean isQuantized() {
        return scale.length > 0;
    }

    public boolean isPerAxis() {
        return scale.length > 1;
    }

    /** Scale of channel {@code i} (or the only scale for per-tensor quantization). */
    public float scale(int i) {
        return scale[scale.length == 1 ? 0 : i];
    }

    /** Zero point of channel {@code i}; missing zero points mean 0 (symmetric). */
    public long zeroPoint(int i) {
        if (zeroPoint.length == 0) {
            return 0;
        }
        return zeroPoint[zeroPoint.length == 1 ? 0 : i];
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public long[] zeroPoint() {
        return zeroPoint.clone();
    }
}
