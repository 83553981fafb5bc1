package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A photo taken in a dim room: every channel scaled by the light left ({@value #LIGHT}), then a
 * gamma of {@value #GAMMA} (a camera's darker mid-tones), then a mild sensor noise (Gaussian,
 * {@value #NOISE} levels standard deviation, each channel of each pixel on its own), seeded per photo.
 */
public final class DimRoom implements PhotoChange {
    public static final double LIGHT = 0.35;
    public static final double GAMMA = 1.3;
    public static final double NOISE = 2.0;
    private static final long SALT = 3;
    private static final double[] TONE = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            TONE[v] = dimmed(v);
        }
    }

    /** What the room does to one channel value, before the noise: {@code 255 (LIGHT v / 255)^GAMMA}. */
    public static double dimmed(int value) {
        return 255 * Math.pow(LIGHT * value / 255.0, GAMMA);
    }

    public static String description() {
        return String.format(Locale.ROOT, "a dim room: every channel x%.2f, then gamma %.1f, then sensor noise"
                + " (Gaussian, sd %.0f levels)", LIGHT, GAMMA, NOISE);
    }

    @Override
    public BufferedImage apply(BufferedImage photo, int index, long seed) {
        SplittableRandom random = PhotoChange.random(seed, index, SALT);
        int[] p = Rgb.pixels(photo);
        for (int i = 0; i < p.length; i++) {
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                rgb |= Rgb.clamp(Math.round(TONE[p[i] >> shift & 0xff] + NOISE * random.nextGaussian())) << shift;
            }
            p[i] = rgb;
        }
        return Rgb.image(photo.getWidth(), photo.getHeight(), p);
    }
}
