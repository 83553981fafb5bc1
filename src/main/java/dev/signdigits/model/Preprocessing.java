package dev.signdigits.model;

import dev.signdigits.SignDigitsException;
import dev.signdigits.image.ModelInput;
import dev.signdigits.model.tflite.Quantization;
import dev.signdigits.model.tflite.TensorType;
import dev.signdigits.model.tflite.TfliteTensor;

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

    /**
     * What a TFLite input tensor expects, in pixel units: for uint8 input the runtime computes
     * {@code scale * (pixel - zeroPoint)}, so mean = zeroPoint and std = 1/scale; int8 input is the
     * pixel minus 128. Float inputs carry no such record; MobileNets then expect [-1, 1].
     */
    public static Preprocessing fromInputTensor(TfliteTensor input) {
        Quantization q = input.quantization();
        if (input.type() == TensorType.FLOAT32 || !q.isQuantized()) {
            return MINUS_ONE_TO_ONE;
        }
        float offset = input.type() == TensorType.INT8 ? 128f : 0f;
        return new Preprocessing("RGB", "NCHW", offset + q.zeroPoint(0), 1f / q.scale(0));
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
