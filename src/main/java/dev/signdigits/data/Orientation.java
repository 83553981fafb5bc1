package dev.signdigits.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns a stored image upright according to its EXIF orientation (TIFF tag 274). In the spec's
 * words, each value says which visual side the stored row 0 and column 0 are: 6 = "row 0 is the
 * visual right side, column 0 the visual top", i.e. rotate 90 degrees clockwise to view.
 */
final class Orientation {
    private Orientation() {}

    /** A new upright TYPE_INT_RGB image; {@code image} itself when the orientation is 1. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean transposed = orientation >= 5;
        int outW = transposed ? h : w;
        int outH = transposed ? w : h;
        int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // (sx, sy): the stored pixel that is seen at (x, y).
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                dst[y * outW + x] = src[sy * w + sx];
            }
        }
        return out;
    }
}
