package dev.signdigits.report;

import dev.signdigits.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encoding of rendered images: PNG files (written atomically), and data URIs for the
 * self-contained HTML page: PNG for charts (sharp text), JPEG for photo sheets (a tenth of the size).
 */
public final class ImageEncoding {
    private static final float JPEG_QUALITY = 0.9f;

    private ImageEncoding() {}

    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> png(image, out));
    }

    public static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            png(image, buffer);
        } catch (IOException e) {
            // writing to memory only fails if the JDK lacks its PNG writer
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** {@code data:image/png;base64,...} */
    public static String pngDataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(pngBytes(image));
    }

    /** {@code data:image/jpeg;base64,...}, for images that are mostly photos. */
    public static String jpegDataUri(BufferedImage image) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(buffer)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(buffer.toByteArray());
    }

    private static void png(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }
}
