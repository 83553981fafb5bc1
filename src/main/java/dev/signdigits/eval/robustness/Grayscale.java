package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;

/** A grayscale camera or filter: ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) in all three channels. */
public final class Grayscale implements PhotoChange {
    public static final String DESCRIPTION = "BT.601 luma (0.299 R + 0.587 G + 0.114 B) in all three channels";

    /** The luma of one packed RGB pixel, 0..255. */
    public static int luma(int rgb) {
        return (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
    }

    @Override
    public BufferedImage apply(BufferedImage photo, int index, long seed) {
        int[] p = Rgb.pixels(photo);
        for (int i = 0; i < p.length; i++) {
            int l = luma(p[i]);
            p[i] = l << 16 | l << 8 | l;
        }
        return Rgb.image(photo.getWidth(), photo.getHeight(), p);
    }
}
