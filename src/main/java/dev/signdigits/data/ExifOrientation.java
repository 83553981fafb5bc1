package dev.signdigits.data;

/**
 * Reads the Orientation tag (0x0112) from IFD0 of an Exif block: "Exif\0\0" followed by a TIFF
 * header. Anything malformed reads as 1 (upright): a broken tag must not make a photo unreadable.
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** Orientation from an APP1 payload starting at {@code offset} with {@code length} bytes. */
    static int parse(byte[] b, int offset, int length) {
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
}
