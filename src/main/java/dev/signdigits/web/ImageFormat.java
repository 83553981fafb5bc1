package dev.signdigits.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Image formats recognized by their first bytes. The declared content type and the file name are
 * not trusted: the bytes decide. Formats recognized but not decodable here give 415; bytes that
 * look like no image at all give 400.
 */
enum ImageFormat {
    JPEG("JPEG", true),
    PNG("PNG", true),
    GIF("GIF", true),
    BMP("BMP", true),
    WEBP("WebP", false),
    HEIC("HEIC/HEIF", false),
    AVIF("AVIF", false),
    TIFF("TIFF", false),
    JPEG_2000("JPEG 2000", false),
    JPEG_XL("JPEG XL", false),
    PSD("Photoshop", false),
    UNKNOWN("unknown", false);

    /** For error messages: what a client may send. */
    static final String SUPPORTED = "JPEG, PNG, GIF or BMP";

    private final String name;
    private final boolean supported;

    ImageFormat(String name, boolean supported) {
        this.name = name;
        this.supported = supported;
    }

    /** A readable name for messages. */
    String formatName() {
        return name;
    }

    boolean supported() {
        return supported;
    }

    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return GIF;
        }
        if (ascii(b, 0, "BM") && b.length >= 26) {
            return BMP;
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return WEBP;
        }
        if (ascii(b, 4, "ftyp")) {
            String brand = b.length >= 12 ? new String(Arrays.copyOfRange(b, 8, 12), StandardCharsets.ISO_8859_1) : "";
            if (brand.startsWith("avi")) {
                return AVIF;
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return HEIC;
            }
        }
        if (ascii(b, 0, "II*\0") || ascii(b, 0, "MM\0*")) {
            return TIFF;
        }
        if (startsWith(b, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(b, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return JPEG_2000;
        }
        if (startsWith(b, 0, 0xFF, 0x0A) || startsWith(b, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return JPEG_XL;
        }
        if (ascii(b, 0, "8BPS")) {
            return PSD;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        return startsWith(b, offset, text.chars().toArray());
    }
}
