package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A frame's pixels as packed {@code 0xRRGGBB} ints, row-major, read once so that the detector and
 * landmark crops sample the same array. An RGB or ARGB image backed by one int array is used as
 * it is (no copy); any other kind is converted with {@code getRGB}. Alpha is ignored.
 */
public record RgbFrame(int width, int height, int[] pixels) {
    public RgbFrame {
        if (width < 1 || height < 1 || pixels.length < (long) width * height) {
            throw new IllegalArgumentException("a frame needs at least 1x1 pixels and width*height values");
        }
    }

    public static RgbFrame of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if ((image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB)
                && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1 && ints.getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && ints.getData().length == w * h) {
            return new RgbFrame(w, h, ints.getData());
        }
        return new RgbFrame(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    /** The packed RGB of pixel {@code (x, y)}, which must be inside the frame. */
    int rgb(int x, int y) {
        return pixels[y * width + x];
    }
}
