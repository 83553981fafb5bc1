package dev.signdigits.web;

import dev.signdigits.image.DecodeLimits;
import dev.signdigits.image.ImageDecodeException;
import dev.signdigits.image.ImageDecoder;
import java.awt.image.BufferedImage;

/**
 * The service's decoder: the project's {@link ImageDecoder}, the same one training and predict use
 * (EXIF orientation, CMYK, 16-bit, alpha flattened onto the same background, header pixel cap), so
 * the server sees exactly the pixels the model was trained on. Its reasons become HTTP statuses.
 */
public final class ProjectImageDecoder implements ImageBytesDecoder {
    private final ImageDecoder decoder;

    public ProjectImageDecoder(long maxPixels) {
        this.decoder = new ImageDecoder(DecodeLimits.defaults().withMaxPixels(maxPixels));
    }

    @Override
    public BufferedImage decode(byte[] bytes, String name) {
        try {
            return decoder.decode(bytes, name).rgb();
        } catch (ImageDecodeException e) {
            throw new BadImageException(status(e.reason()), e.getMessage(), e);
        }
    }

    static int status(ImageDecodeException.Reason reason) {
        return switch (reason) {
            case TOO_MANY_PIXELS -> BadImageException.TOO_LARGE;
            case UNSUPPORTED_FORMAT -> BadImageException.UNSUPPORTED_FORMAT;
            default -> BadImageException.NOT_AN_IMAGE;
        };
    }
}
