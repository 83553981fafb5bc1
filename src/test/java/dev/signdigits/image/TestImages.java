package dev.signdigits.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds test images in memory: encoded files, EXIF and Adobe segments, forged headers. */
public final class TestImages {
    public static final Path SHARED = Path.of("..", "shared");
    public static final Path MIRROR = SHARED.resolve("datasets/sign-language-digits");

    private TestImages() {}

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        return write(new IIOImage(image, null, null), quality, progressive);
    }

    /** A JPEG straight from a raster: the writer stores its channels as they are (used for CMYK/YCCK). */
    public static byte[] jpegFromRaster(Raster raster) {
        return write(new IIOImage(raster, null, null), 0.95f, false);
    }

    private static byte[] write(IIOImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts a marker segment right after SOI. */
    public static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** An APP1 Exif block whose IFD0 holds only the Orientation tag, in either byte order. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        tiff.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        tiff.order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'}).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return insertSegment(jpeg, 0xE1, tiff.array());
    }

    /** Adobe APP14: transform 0 = CMYK (inverted), 2 = YCCK. */
    public static byte[] withAdobe(byte[] jpeg, int transform) {
        return insertSegment(jpeg, 0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform});
    }

    /** A PNG with only a header (whatever size it claims), a tiny IDAT and IEND. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12 + 10 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0});
        chunk(png, "IEND", new byte[0]);
        return java.util.Arrays.copyOf(png.array(), png.position());
    }

    private static void chunk(ByteBuffer out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    }

    /** Red, green, blue and white quadrants: every rotation and flip gives a different picture. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                image.setRGB(x, y, top ? (left ? 0xFF0000 : 0x00FF00) : (left ? 0x0000FF : 0xFFFFFF));
            }
        }
        return image;
    }

    /** The four quadrant colours read at their centres: top-left, top-right, bottom-left, bottom-right. */
    public static int[] quadrantColours(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new int[] {
            image.getRGB(w / 4, h / 4) & 0xFFFFFF, image.getRGB(3 * w / 4, h / 4) & 0xFFFFFF,
            image.getRGB(w / 4, 3 * h / 4) & 0xFFFFFF, image.getRGB(3 * w / 4, 3 * h / 4) & 0xFFFFFF
        };
    }

    /** Largest per-channel difference between two RGB values. */
    public static int channelDistance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return d;
    }
}
