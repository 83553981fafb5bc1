package dev.signdigits.model.tflite;

/**
 * Between the NCHW/OIHW layouts of DJL and ONNX and the NHWC/OHWI layouts TFLite uses for
 * images and weights.
 */
public final class NhwcLayout {
    private NhwcLayout() {}

    /** One image {@code (C, H, W)} starting at {@code offset} of {@code chw} into {@code (H, W, C)} at {@code dest[0..]}. */
    public static void imageToHwc(float[] chw, int offset, int channels, int height, int width, float[] dest) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int from = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                dest[p * channels + c] = chw[from + p];
            }
        }
    }

    /** Convolution weights (out, in, k, k) to TFLite CONV_2D's (out, k, k, in). */
    static float[] convToOhwi(float[] oihw, int out, int in, int kernel) {
        float[] dst = new float[oihw.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kernel; y++) {
                    for (int x = 0; x < kernel; x++) {
                        dst[((o * kernel + y) * kernel + x) * in + i] = oihw[((o * in + i) * kernel + y) * kernel + x];
                    }
                }
            }
        }
        return dst;
    }

    /** Depthwise weights (C, 1, k, k) to TFLite DEPTHWISE_CONV_2D's (1, k, k, C). */
    static float[] depthwiseTo1hwc(float[] c1kk, int channels, int kernel) {
        float[] dst = new float[c1kk.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < kernel; y++) {
                for (int x = 0; x < kernel; x++) {
                    dst[(y * kernel + x) * channels + c] = c1kk[(c * kernel + y) * kernel + x];
                }
            }
        }
        return dst;
    }
}
