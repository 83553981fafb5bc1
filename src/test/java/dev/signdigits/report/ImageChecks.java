package dev.signdigits.report;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Facts about rendered images that a blank or broken render would not have. */
final class ImageChecks {
    private ImageChecks() {}

    /** Distinct RGB colors in the image (anti-aliased text and charts have hundreds). */
    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colors.size();
    }

    /** Share of pixels that are not (near) white. */
    static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 3 * 245) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}
