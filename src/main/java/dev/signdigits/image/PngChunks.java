package dev.signdigits.image;

/** PNG chunk checks the JDK reader skips. */
final class PngChunks {
    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private PngChunks() {}

    /**
     * Whether the file ends with the IEND chunk (allowing a little trailing padding). The JDK
     * reader stops after the image data and never notices a file cut short after it.
     */
    static boolean endsWithIend(byte[] b) {
        int from = Math.max(0, b.length - IEND.length - 64);
        outer:
        for (int i = b.length - IEND.length; i >= from; i--) {
            for (int k = 0; k < IEND.length; k++) {
                if (b[i + k] != IEND[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
