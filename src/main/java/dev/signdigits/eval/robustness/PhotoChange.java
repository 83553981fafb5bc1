package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * One way the world changes a photo: a pure function of the photo, its index in the evaluated set
 * and a seed (the same three give the same pixels). Safe to call from several threads at once; the
 * photo given is never modified.
 */
@FunctionalInterface
public interface PhotoChange {
    BufferedImage apply(BufferedImage photo, int index, long seed);

    /**
     * The random numbers of one photo for one purpose: {@code salt} tells uses apart (the noise of a
     * dim room and the choice of a background are not the same draws).
     */
    static SplittableRandom random(long seed, int index, long salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 1_000_003L + salt * 0xC2B2AE3D27D4EB4FL);
    }
}
