package dev.signdigits.model;

import dev.signdigits.SignDigitsException;
import dev.signdigits.image.ModelInput;

/**
 * How pixels become network input: RGB channel order, NCHW layout, and
 * {@code value = (pixel - mean) / std} with pixels in 0..255. The ImageNet MobileNets expect
 * [-1, 1]: mean 128, std 128, read from the quantization of the TFLite input tensor.
 */
public record Preprocessing(String colorOrder, String layout, float mean, float std) {
    public static final Preprocessing MINUS_ONE_TO_ONE = new Preprocessing("RGB", "NCHW", 128f, 128f);

    public Preprocessing {
        if (!"RGB".equals(colorOrder) || !"NCHW".equals(layout)) {
            throw new SignDigitsException("Unsupported preprocessing " + colorOrder + "/" + layout
                    + "; signdigits models take RGB images in NCHW layout.");
        }
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new SignDigitsException("Preprocessing std must be positive and mean finite, got mean "
                    + mean + " and std " + std + ".");
        }
    }


    /** The input preparation of a network with this preprocessing and a {@code inputSize} square input. */
    public ModelInput at(int inputSize) {
        return new ModelInput(inputSize, mean, std);
    }

    /** The record stored with a model whose input is prepared as {@code input}. */
    public static Preprocessing of(ModelInput input) {
        return new Preprocessing("RGB", "NCHW", input.mean(), input.std());
    }

    public float normalize(int pixel) {
        return (pixel - mean) / std;
    }

    /** Interleaved RGB bytes (HWC, row-major, as decoded) to normalized CHW floats. */
    public float[] toChw(byte[] rgb, int width, int height) {
        int plane = width * height;
        if (rgb.length != 3 * plane) {
            throw new IllegalArgumentException("expected " + 3 * plane + " RGB bytes, got " + rgb.length);
        }
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + i] = normalize(rgb[3 * i + c] & 0xff);
            }
        }
        return out;
    }
}
