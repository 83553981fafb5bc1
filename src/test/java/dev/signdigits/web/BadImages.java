package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Generated bad and unusual inputs (see docs/bad-inputs.md). */
final class BadImages {
    private BadImages() {}

    static byte[] truncated(byte[] image, double keep) {
        return Arrays.copyOf(image, (int) (image.length * keep));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        bytes[0] = 0x13; // never a valid magic by accident
        return bytes;
    }

    /** The first bytes of a HEIC file (an ISO-BMFF 'ftyp' box with brand heic). */
    static byte[] heicHeader() {
        return box("ftyp", "heic\0\0\0\0mif1heic");
    }

    static byte[] avifHeader() {
        return box("ftyp", "avif\0\0\0\0mif1avif");
    }

    static byte[] webpHeader() {
        byte[] b = new byte[32];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        return b;
    }

    private static byte[] box(String type, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(8 + p.length + 64);
        buffer.putInt(8 + p.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(p);
        return buffer.array();
    }

    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decompression bomb: a valid, tiny PNG whose header says {@code width x height} (one grey row
     * of data, so a decoder that trusts the header would allocate width*height pixels).
     */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[width + 1]);
        deflater.finish();
        byte[] compressed = new byte[width + 64];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
