package dev.signdigits.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The one way signdigits makes an image smaller or larger: model input, training copies,
 * thumbnails and previews all resample here. Large reductions first halve the image by exact 2x2
 * box averaging while both edges stay at least twice the target (one bilinear jump from 3024 to
 * 160 px would skip most pixels and alias), then one bilinear step reaches the exact size.
 *
 * <p>Because the halving stops by the target alone, {@link #reduce} is idempotent: resizing a
 * reduced image gives exactly the pixels of resizing the original. Training keeps reduced photos
 * in memory and still sees the same input as serving does for the full photo.
 */
public final class Resampling {
    private Resampling() {}

    /** {@code image} (any type) scaled to exactly {@code width x height} TYPE_INT_RGB. */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage reduced = reduce(image, width, height);
        if (reduced.getWidth() == width && reduced.getHeight() == height) {
            return reduced;
        }
        return bilinear(reduced, width, height);
    }

    /** {@code image} scaled to fit a {@code box x box} square, keeping its aspect ratio. */
    public static BufferedImage fit(BufferedImage image, int box) {
        double scale = Math.min((double) box / image.getWidth(), (double) box / image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        return resize(image, width, height);
    }

    /** The centred square of {@code image} with the shorter edge as side; {@code image} itself when square. */
    public static BufferedImage centerSquare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w == h) {
            return image;
        }
        int side = Math.min(w, h);
        return image.getSubimage((w - side) / 2, (h - side) / 2, side, side);
    }

    /**
     * The halving part of {@link #resize}: TYPE_INT_RGB, halved while both edges stay at least twice
     * {@code width x height}; {@code image} itself (converted to TYPE_INT_RGB if needed) when
     * no halving applies.
     */
    public static BufferedImage reduce(BufferedImage image, int width, int height) {
        BufferedImage current = RgbConverter.toIntRgb(image);
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = halve(current);
        }
        return current;
    }

    /** Each output pixel the mean of a 2x2 block (an odd last row or column is dropped). */
    private static BufferedImage halve(BufferedImage src) {
        int w = src.getWidth() / 2;
        int h = src.getHeight() / 2;
        int stride = src.getWidth();
        int[] in = pixels(src);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int row0 = 2 * y * stride;
            int row1 = row0 + stride;
            for (int x = 0; x < w; x++) {
                int a = in[row0 + 2 * x];
                int b = in[row0 + 2 * x + 1];
                int c = in[row1 + 2 * x];
                int d = in[row1 + 2 * x + 1];
                int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff) + ((c >> 16) & 0xff) + ((d >> 16) & 0xff) + 2) >> 2;
                int g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff) + ((c >> 8) & 0xff) + ((d >> 8) & 0xff) + 2) >> 2;
                int bl = ((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff) + 2) >> 2;
                dst[y * w + x] = r << 16 | g << 8 | bl;
            }
        }
        return out;
    }

    /** Row-major RGB ints of a TYPE_INT_RGB image, without copying when it owns its whole buffer. */
    private static int[] pixels(BufferedImage image) {
        if (image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getData().length == image.getWidth() * image.getHeight()
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0) {
            return ints.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static BufferedImage bilinear(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
