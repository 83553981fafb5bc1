package dev.signdigits.image;

/**
 * What an image's header says, read without decoding any pixels.
 *
 * @param format      the sniffed format
 * @param width       stored width in pixels (before EXIF orientation)
 * @param height      stored height in pixels
 * @param orientation EXIF orientation 1-8 (1 = upright; always 1 for formats without EXIF)
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {

    public long pixels() {
        return (long) width * height;
    }

    /** True when displaying the image swaps width and height (EXIF orientations 5-8). */
    public boolean transposed() {
        return orientation >= 5 && orientation <= 8;
    }

    /** Width as the image is meant to be seen. */
    public int uprightWidth() {
        return transposed() ? height : width;
    }

    /** Height as the image is meant to be seen. */
    public int uprightHeight() {
        return transposed() ? width : height;
    }
}
