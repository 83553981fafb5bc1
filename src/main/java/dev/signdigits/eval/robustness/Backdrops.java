package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * New backgrounds for the robustness section, drawn by this class alone (never by training's
 * generator, so the section does not measure training on its own pictures), of three kinds: a
 * two-colour linear gradient; smooth value noise (two octaves between two colours) with grain; and
 * the plain wall of another photo of the evaluated set, a strip from its left or right edge
 * stretched to the frame. What is drawn depends only on the random numbers given and the set.
 */
public final class Backdrops {
    /** The kinds, in the order {@link #draw} picks among them. */
    public enum Kind { GRADIENT, VALUE_NOISE, WALL }

    public static final String DESCRIPTION = "a two-colour gradient, smooth value noise with grain, or the wall strip"
            + " of another evaluated photo";

    private final List<BufferedImage> photos;

    /** @param photos the evaluated set, whose walls may become backgrounds (read, never modified) */
    public Backdrops(List<BufferedImage> photos) {
        this.photos = List.copyOf(photos);
    }

    /** A {@code width x height} background for the photo at {@code index}, its kind drawn from {@code random}. */
    public BufferedImage draw(int width, int height, int index, SplittableRandom random) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return draw(kind, width, height, index, random);
    }

    /** A background of this kind; a wall needs another photo, so with a set of one it is a gradient. */
    public BufferedImage draw(Kind kind, int width, int height, int index, SplittableRandom random) {
        return switch (kind) {
            case GRADIENT -> gradient(width, height, random);
            case VALUE_NOISE -> valueNoise(width, height, random);
            case WALL -> photos.size() < 2 ? gradient(width, height, random) : wall(width, height, index, random);
        };
    }

    private static BufferedImage gradient(int width, int height, SplittableRandom random) {
        double x0 = random.nextDouble() * width;
        double y0 = random.nextDouble() * height;
        double angle = random.nextDouble() * 2 * Math.PI;
        double length = Math.max(1, (0.3 + 0.7 * random.nextDouble()) * Math.hypot(width, height));
        double dx = Math.cos(angle) / length;
        double dy = Math.sin(angle) / length;
        int from = colour(random);
        int to = colour(random);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = Math.max(0, Math.min(1, (x + 0.5 - x0) * dx + (y + 0.5 - y0) * dy));
                out[y * width + x] = mix(from, to, t);
            }
        }
        return Rgb.image(width, height, out);
    }

    /** Two octaves of value noise (random values on a lattice, smoothstep between them) mapping two colours, plus grain. */
    private static BufferedImage valueNoise(int width, int height, SplittableRandom random) {
        double cell = Math.max(2, Math.max(width, height) * (0.1 + 0.2 * random.nextDouble()));
        Lattice coarse = new Lattice(width, height, cell, random);
        Lattice fine = new Lattice(width, height, cell / 2, random);
        int from = colour(random);
        int to = colour(random);
        int grain = 3 + random.nextInt(10);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = (2 * coarse.at(x, y) + fine.at(x, y)) / 3;
                int c = mix(from, to, t);
                int n = random.nextInt(2 * grain + 1) - grain;
                out[y * width + x] = Rgb.pack((c >> 16 & 0xff) + n, (c >> 8 & 0xff) + n, (c & 0xff) + n);
            }
        }
        return Rgb.image(width, height, out);
    }

    /** A sixth of another photo's width from its left or right edge (wall: the hand is central), stretched. */
    private BufferedImage wall(int width, int height, int index, SplittableRandom random) {
        int n = photos.size();
        BufferedImage other = photos.get((index + 1 + random.nextInt(n - 1)) % n);
        int strip = Math.max(1, other.getWidth() / 6);
        int x = random.nextBoolean() ? 0 : other.getWidth() - strip;
        return Rgb.stretched(other, x, 0, strip, other.getHeight(), width, height);
    }

    private static int colour(SplittableRandom random) {
        return random.nextInt(1 << 24);
    }

    private static int mix(int a, int b, double t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            rgb |= Rgb.clamp(Math.round((1 - t) * (a >> shift & 0xff) + t * (b >> shift & 0xff))) << shift;
        }
        return rgb;
    }

    /** Random values 0..1 on a square lattice of {@code cell} pixels, read with smoothstep interpolation. */
    private static final class Lattice {
        private final double cell;
        private final int columns;
        private final double[] values;

        Lattice(int width, int height, double cell, SplittableRandom random) {
            this.cell = cell;
            this.columns = (int) Math.ceil(width / cell) + 2;
            int rows = (int) Math.ceil(height / cell) + 2;
            this.values = new double[columns * rows];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble();
            }
        }

        double at(int x, int y) {
            double gx = (x + 0.5) / cell;
            double gy = (y + 0.5) / cell;
            int ix = (int) gx;
            int iy = (int) gy;
            double fx = smooth(gx - ix);
            double fy = smooth(gy - iy);
            double top = (1 - fx) * value(ix, iy) + fx * value(ix + 1, iy);
            double bottom = (1 - fx) * value(ix, iy + 1) + fx * value(ix + 1, iy + 1);
            return (1 - fy) * top + fy * bottom;
        }

        private double value(int x, int y) {
            return values[y * columns + x];
        }

        private static double smooth(double t) {
            return t * t * (3 - 2 * t);
        }
    }
}
