package dev.signdigits.model;

/** TFLite padding modes. SAME pads the extra row/column (for an even total) at the bottom/right. */
public enum Padding {
    SAME, VALID;

    public static Padding of(int code) {
        return code == 1 ? VALID : SAME;
    }

    /** (before, after) padding along one axis, as TensorFlow computes it for SAME. */
    public int[] amounts(int inputSize, int kernel, int stride, int dilation) {
        if (this == VALID) {
            return new int[] {0, 0};
        }
        int effectiveKernel = (kernel - 1) * dilation + 1;
        int output = (inputSize + stride - 1) / stride;
        int total = Math.max((output - 1) * stride + effectiveKernel - inputSize, 0);
        return new int[] {total / 2, total - total / 2};
    }
}
