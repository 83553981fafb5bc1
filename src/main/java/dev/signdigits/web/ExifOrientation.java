package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The EXIF orientation of a JPEG (phone photos store pixels sideways and say so in a tag that
 * ImageIO ignores), and the transform that makes the image upright. Reads only the APP1 segment's
 * first IFD, bounded by the segment length, so malformed EXIF means "no orientation", never a crash.
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** The orientation (1-8) stored in a JPEG's EXIF, or 1 when there is none or it cannot be read. */
    static int of(byte[] jpeg) {
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // image data starts: no EXIF before it
            }
            int length = u16(jpeg, i + 2, false);
            if (length < 2) {
                return 1;
            }
            int start = i + 4;
            int end = Math.min(jpeg.length, i + 2 + length);
            if (marker == 0xE1 && end - start > 14 && isExifHeader(jpeg, start)) {
                return fromTiff(jpeg, start + 6, end);
            }
            i += 2 + length;
        }
        return 1;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0 && b[at + 5] == 0;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = (int) ifd + 2 + 12 * e;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Returns {@code rgb} (TYPE_INT_RGB) made upright for the given orientation. */
    static BufferedImage apply(BufferedImage rgb, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        BufferedImage out = new BufferedImage(ow, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] src = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    case 4 -> { dx = x; dy = h - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = h - 1 - y; dy = x; }
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
                    default -> { dx = y; dy = w - 1 - x; } // 8
                }
                dst[dy * ow + dx] = src[y * w + x];
            }
        }
        return out;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xFF;
        int c = b[at + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at + (little ? 2 : 0), little);
        long lo = u16(b, at + (little ? 0 : 2), little);
        return hi << 16 | lo;
    }
}
