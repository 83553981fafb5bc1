package dev.signdigits.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Image formats recognized from their magic bytes. Only the supported ones are decoded; the
 * others are recognized so the user hears "this is a HEIC photo" instead of "corrupt file".
 */
public enum ImageFormat {
    JPEG("JPEG", true),
    PNG("PNG", true),
    BMP("BMP", true),
    GIF("GIF", true),
    WEBP("WebP", false),
    HEIC("HEIC", false),
    AVIF("AVIF", false),
    TIFF("TIFF", false),
    JPEG_2000("JPEG 2000", false),
    JPEG_XL("JPEG XL", false),
    PSD("Photoshop PSD", false),
    ICO("ICO", false),
    SVG("SVG", false);

    private final String displayName;
    private final boolean supported;

    ImageFormat(String displayName, boolean supported) {
        this.displayName = displayName;
        this.supported = supported;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isSupported() {
        return supported;
    }

    /** "JPEG, PNG, BMP or GIF", for error messages. */
    public static String supportedList() {
        List<String> names = Arrays.stream(values()).filter(ImageFormat::isSupported).map(ImageFormat::displayName).toList();
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + names.get(names.size() - 1);
    }

    /** The format whose signature starts {@code bytes}, if any. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(bytes, 0, "BM") && bytes.length >= 18 && isBmpHeaderSize(le32(bytes, 14))) {
            return Optional.of(BMP);
        }
        if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(bytes, 4, "ftyp")) {
            return isoBrand(bytes);
        }
        if (ascii(bytes, 0, "II*\0") || ascii(bytes, 0, "MM\0*")) {
            return Optional.of(TIFF);
        }
        if (startsWith(bytes, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(bytes, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return Optional.of(JPEG_2000);
        }
        if (startsWith(bytes, 0, 0xFF, 0x0A) || startsWith(bytes, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return Optional.of(JPEG_XL);
        }
        if (ascii(bytes, 0, "8BPS")) {
            return Optional.of(PSD);
        }
        if (startsWith(bytes, 0, 0, 0, 1, 0) && bytes.length >= 6 && bytes[4] != 0) {
            return Optional.of(ICO);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("<svg") || head.startsWith("<?xml") && head.contains("<svg")) {
            return Optional.of(SVG);
        }
        return Optional.empty();
    }

    // ISO base media files (HEIF family): the major brand says which codec is inside.
    private static Optional<ImageFormat> isoBrand(byte[] bytes) {
        String brand = bytes.length >= 12 ? new String(bytes, 8, 4, StandardCharsets.ISO_8859_1) : "";
        String compatible = bytes.length >= 16
                ? new String(bytes, 16, Math.min(bytes.length, 64) - 16, StandardCharsets.ISO_8859_1) : "";
        if (brand.startsWith("avi") || compatible.contains("avif")) {
            return Optional.of(AVIF);
        }
        if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
            return Optional.of(HEIC);
        }
        return Optional.empty();
    }

    private static boolean isBmpHeaderSize(long size) {
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108 || size == 124;
    }

    static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... signature) {
        if (bytes.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        return startsWith(bytes, offset, text.chars().toArray());
    }
}
