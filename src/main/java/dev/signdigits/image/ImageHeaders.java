package dev.signdigits.image;

import dev.signdigits.image.ImageDecodeException.Reason;

/**
 * Reads width, height and orientation from an image's first bytes, without a decoder, so that a
 * decompression bomb (a tiny file whose header claims 50000x50000) is refused before any pixel
 * buffer is allocated.
 */
final class ImageHeaders {
    private ImageHeaders() {}

    static ImageHeader read(ImageFormat format, byte[] b, String name) {
        return switch (format) {
            case JPEG -> {
                JpegStructure jpeg = JpegStructure.parse(b, name);
                yield new ImageHeader(format, jpeg.width(), jpeg.height(), jpeg.orientation());
            }
            case PNG -> png(b, name);
            case GIF -> gif(b, name);
            case BMP -> bmp(b, name);
            default -> throw new IllegalArgumentException("no header reader for " + format);
        };
    }

    private static ImageHeader png(byte[] b, String name) {
        if (b.length < 8 + 8 + 13) {
            throw truncated(name, "PNG");
        }
        if (!(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
            throw corrupt(name, "PNG", "its first chunk is not IHDR");
        }
        long width = be32(b, 16);
        long height = be32(b, 20);
        return checked(new long[] {width, height}, ImageFormat.PNG, name);
    }

    private static ImageHeader gif(byte[] b, String name) {
        if (b.length < 13) {
            throw truncated(name, "GIF");
        }
        long width = le16(b, 6);
        long height = le16(b, 8);
        int pos = 13;
        if ((b[10] & 0x80) != 0) {
            pos += 3 * (1 << ((b[10] & 7) + 1));
        }
        // The first frame may be larger than the logical screen: it is what gets allocated.
        while (true) {
            if (pos >= b.length) {
                throw truncated(name, "GIF");
            }
            int block = b[pos] & 0xFF;
            if (block == 0x2C) {
                if (pos + 10 > b.length) {
                    throw truncated(name, "GIF");
                }
                width = Math.max(width, le16(b, pos + 1) + le16(b, pos + 5));
                height = Math.max(height, le16(b, pos + 3) + le16(b, pos + 7));
                return checked(new long[] {width, height}, ImageFormat.GIF, name);
            } else if (block == 0x21) {
                pos += 2;
                while (pos < b.length && b[pos] != 0) {
                    pos += (b[pos] & 0xFF) + 1;
                }
                pos++;
            } else {
                throw corrupt(name, "GIF", "it contains no image frame");
            }
        }
    }

    private static ImageHeader bmp(byte[] b, String name) {
        if (b.length < 26) {
            throw truncated(name, "BMP");
        }
        long headerSize = ImageFormat.le32(b, 14);
        long width;
        long height;
        if (headerSize == 12) {
            width = le16(b, 18);
            height = le16(b, 20);
        } else {
            width = (int) ImageFormat.le32(b, 18);
            height = Math.abs((long) (int) ImageFormat.le32(b, 22)); // negative = stored top-down
        }
        return checked(new long[] {width, height}, ImageFormat.BMP, name);
    }

    private static ImageHeader checked(long[] size, ImageFormat format, String name) {
        if (size[0] <= 0 || size[1] <= 0 || size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE) {
            throw corrupt(name, format.displayName(), "its header gives an impossible size " + size[0] + "x" + size[1]);
        }
        return new ImageHeader(format, (int) size[0], (int) size[1], 1);
    }

    private static long be32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    private static long le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static ImageDecodeException truncated(String name, String format) {
        return new ImageDecodeException(Reason.TRUNCATED, name,
                name + " is a truncated " + format + " file (it ends before the image data does): copy or download it again.");
    }

    static ImageDecodeException corrupt(String name, String format, String why) {
        return new ImageDecodeException(Reason.CORRUPT, name,
                name + " is a damaged " + format + " file (" + why + "): export it again.");
    }
}
