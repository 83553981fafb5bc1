package dev.signdigits.predict;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The one definition of how a photo becomes network input, shared by training, evaluation,
 * prediction, serving and export checks: center-crop to a square, resize to the model's input
 * edge with bilinear filtering, and scale RGB values as {@code (p - mean) / std}. The imported
 * MobileNets expect {@code mean = std = 127.5}-ish values derived from their input quantization.
 */
public record ImagePreprocessor(int inputSize, float mean, float std) {

    public ImagePreprocessor {
        if (inputSize < 8) {
            throw new IllegalArgumentException("input size must be at least 8 pixels, got " + inputSize);
        }
        if (std <= 0) {
            throw new IllegalArgumentException("std must be positive, got " + std);
        }
    }

    /** Center square crop, resized to {@code inputSize x inputSize} RGB. */
    public BufferedImage resize(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        BufferedImage out = new BufferedImage(inputSize, inputSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, inputSize, inputSize, x0, y0, x0 + side, y0 + side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes the image (already {@code inputSize} square) as normalized CHW floats at {@code offset}. */
    public void toChw(BufferedImage sized, float[] dest, int offset) {
        if (sized.getWidth() != inputSize || sized.getHeight() != inputSize) {
            sized = resize(sized);
        }
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

    /** Resize then normalize one image into a fresh CHW array. */
    public float[] toChw(BufferedImage image) {
        float[] out = new float[3 * inputSize * inputSize];
        toChw(resize(image), out, 0);
        return out;
    }

    /** Several images as one normalized NCHW batch, the input every runtime takes. */
    public float[] toBatch(java.util.List<BufferedImage> images) {
        int per = valuesPerImage();
        float[] nchw = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            toChw(resize(images.get(i)), nchw, i * per);
        }
        return nchw;
    }

    public int valuesPerImage() {
        return 3 * inputSize * inputSize;
    }
}
