package dev.signdigits.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The default {@link ImageBytesDecoder}, on ImageIO (with the TwelveMonkeys JPEG plugin for CMYK
 * and YCCK): sniffs the format from the bytes, reads the dimensions from the header and refuses
 * images above the pixel cap before decoding them, rejects images the reader warns about (a
 * truncated JPEG decodes to a half-grey picture with only a warning), decodes the first frame,
 * applies the EXIF orientation, and flattens everything onto an opaque white RGB image.
 */
public final class ImageIoDecoder implements ImageBytesDecoder {
    private final long maxPixels;

    public ImageIoDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    @Override
    public BufferedImage decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new BadImageException(BadImageException.NOT_AN_IMAGE,
                    name + " is empty: send a " + ImageFormat.SUPPORTED + " image.");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) {
            throw new BadImageException(BadImageException.NOT_AN_IMAGE,
                    name + " is not a supported or intact image: send a " + ImageFormat.SUPPORTED + " image.");
        }
        if (!format.supported()) {
            throw new BadImageException(BadImageException.UNSUPPORTED_FORMAT, name + " is a " + format.formatName()
                    + " image, which this service does not decode: send a " + ImageFormat.SUPPORTED + " image.");
        }
        BufferedImage decoded = read(bytes, format, name);
        BufferedImage rgb = toOpaqueRgb(decoded);
        return format == ImageFormat.JPEG ? ExifOrientation.apply(rgb, ExifOrientation.of(bytes)) : rgb;
    }

    private BufferedImage read(byte[] bytes, ImageFormat format, String name) {
        // In memory: ImageIO's default stream cache would write every upload to a temp file.
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw corrupt(name, "no reader accepts its header");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw corrupt(name, "its header gives a size of " + width + "x" + height);
                }
                if (width * height > maxPixels) {
                    throw new BadImageException(BadImageException.TOO_LARGE, name + " is " + width + "x" + height
                            + " pixels, more than the limit of " + maxPixels + ": send a smaller image.");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw corrupt(name, "the " + format.formatName() + " decoder reported: " + warnings.get(0));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (BadImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers signal broken data with IOExceptions and, for some corruptions, runtime exceptions.
            throw new BadImageException(BadImageException.NOT_AN_IMAGE, name + " is a corrupt or truncated "
                    + format.formatName() + " image (" + describe(e) + "): send an intact "
                    + ImageFormat.SUPPORTED + " image.", e);
        }
    }

    private static BadImageException corrupt(String name, String why) {
        return new BadImageException(BadImageException.NOT_AN_IMAGE, name + " is a corrupt or truncated image ("
                + why + "): send an intact " + ImageFormat.SUPPORTED + " image.");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Grey, 16-bit, palette and alpha images become 8-bit RGB; transparency is flattened onto white. */
    static BufferedImage toOpaqueRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
