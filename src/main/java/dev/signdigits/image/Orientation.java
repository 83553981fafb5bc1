package dev.signdigits.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * EXIF orientation (TIFF tag 274, 0x0112): reading it from an Exif block ("Exif\0\0" and a TIFF
 * header) and turning a stored image upright by it. In the spec's words, each value says which
 * visual side the stored row 0 and column 0 are: 6 = "row 0 is the visual right side, column 0 the
 * visual top", i.e. rotate 90 degrees clockwise to view. A malformed tag reads as 1 (upright): a
 * broken tag must not make a photo unreadable.
 */
final class Orientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    /** The orientation (1-8) read from an APP1 payload starting at {@code offset} with {@code length} bytes. */
    static int fromExif(byte[] b, int offset, int length) {
        int end = Math.min(b.length, offset + length);
        if (length < 14 || !"Exif".equals(new String(b, offset, 4, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            return 1;
        }
        int tiff = offset + 6;
        if (tiff + 8 > end) {
            return 1;
        }
        boolean bigEndian;
        if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            bigEndian = true;
        } else if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            bigEndian = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, bigEndian);
        if (ifd + 2 > end) {
            return 1;
        }
        int count = u16(b, (int) ifd, bigEndian);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, bigEndian) == ORIENTATION_TAG) {
                int value = u16(b, entry + 2, bigEndian) == TYPE_SHORT ? u16(b, entry + 8, bigEndian) : 1;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0;
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long hi = u16(b, at, bigEndian);
        long lo = u16(b, at + 2, bigEndian);
        return bigEndian ? hi << 16 | lo : lo << 16 | hi;
    }

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
