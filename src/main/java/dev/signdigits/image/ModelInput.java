package dev.signdigits.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * How a decoded, upright photo becomes network input, defined once for training, evaluation,
 * prediction, serving, calibration and export checks: the centred square, resampled to the
 * model's input edge by {@link Resampling}, RGB values scaled as {@code (p - mean) / std}, laid
 * out channel-first (CHW; a batch is NCHW).
 *
 * <p>{@link #frame} is the part before the final resampling. Training keeps framed photos in
 * memory (a 3024 px phone photo is halved to a few hundred pixels) and, because framing is
 * idempotent, a framed photo gives exactly the tensor of the original.
 *
 * @param inputSize the network's input edge in pixels
 * @param mean      subtracted from each 0..255 channel value
 * @param std       the difference is divided by this
 */
public record ModelInput(int inputSize, float mean, float std) {

    public ModelInput {
        if (inputSize < 8) {
            throw new IllegalArgumentException("input size must be at least 8 pixels, got " + inputSize);
        }
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("std must be positive and mean finite, got mean " + mean + " and std " + std);
        }
    }

    /** The centred square of the photo, halved while at least twice the input edge (TYPE_INT_RGB). */
    public BufferedImage frame(BufferedImage photo) {
        return frame(photo, inputSize);
    }

    /**
     * {@link #frame(BufferedImage)} for a model with a {@code inputSize} input: what training keeps of
     * each photo (it depends on the input edge alone, not on the normalization).
     */
    public static BufferedImage frame(BufferedImage photo, int inputSize) {
        return Resampling.reduce(Resampling.centerSquare(photo), inputSize, inputSize);
    }

    /** The photo as the network sees it: {@code inputSize x inputSize} RGB. */
    public BufferedImage resize(BufferedImage photo) {
        return Resampling.resize(frame(photo), inputSize, inputSize);
    }

    /** Writes the photo, resized unless it already has the input size, as normalized CHW floats at {@code offset}. */
    public void toChw(BufferedImage photo, float[] dest, int offset) {
        BufferedImage sized = photo.getWidth() == inputSize && photo.getHeight() == inputSize ? photo : resize(photo);
        int plane = inputSize * inputSize;
        int[] rgb = sized.getRGB(0, 0, inputSize, inputSize, null, 0, inputSize);
        float scale = 1f / std;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            dest[offset + i] = (((p >> 16) & 0xff) - mean) * scale;
            dest[offset + plane + i] = (((p >> 8) & 0xff) - mean) * scale;
            dest[offset + 2 * plane + i] = ((p & 0xff) - mean) * scale;
        }
    }

    /** One photo as a fresh normalized CHW array. */
    public float[] toChw(BufferedImage photo) {
        float[] out = new float[valuesPerImage()];
        toChw(photo, out, 0);
        return out;
    }

    /** Several photos as one normalized NCHW batch, the input every runtime takes. */
    public float[] toBatch(List<BufferedImage> photos) {
        int per = valuesPerImage();
        float[] nchw = new float[photos.size() * per];
        for (int i = 0; i < photos.size(); i++) {
            toChw(photos.get(i), nchw, i * per);
        }
        return nchw;
    }

    public int valuesPerImage() {
        return 3 * inputSize * inputSize;
    }
}
