package dev.signdigits.image;

import java.awt.image.BufferedImage;

/**
 * A decoded, upright photo.
 *
 * @param rgb            the pixels, always TYPE_INT_RGB, EXIF orientation applied, transparency
 *                       flattened onto white; possibly subsampled (see {@link DecodeLimits})
 * @param originalWidth  upright width of the full-resolution image
 * @param originalHeight upright height of the full-resolution image
 * @param format         what the file was
 */
public record DecodedImage(BufferedImage rgb, int originalWidth, int originalHeight, ImageFormat format) {

    public int width() {
        return rgb.getWidth();
    }

    public int height() {
        return rgb.getHeight();
    }
}
