package dev.signdigits.data.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Good-looking small versions of photos for previews (not for model input). */
final class Thumbnails {
    private Thumbnails() {}

    /** The centre square of {@code image}, scaled to {@code size} by repeated halving (no aliasing). */
    static BufferedImage squareCrop(BufferedImage image, int size) {
        int side = Math.min(image.getWidth(), image.getHeight());
        BufferedImage current = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
        int edge = side;
        while (edge / 2 >= size) {
            edge /= 2;
            current = scale(current, edge);
        }
        return scale(current, size);
    }

    private static BufferedImage scale(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
