package dev.signdigits.train;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Backgrounds to put a training photo's hand over ({@code train --background-share}), so the model
 * learns the hand and not the dataset's plain walls. Drawn, seeded, from four kinds: a two-colour
 * gradient; smooth blotches with grain (textured walls, fabric); clutter of overlapping rectangles
 * and ellipses (a room, shelves, a desk); stripes or tiles. The background-replaced stand-in set
 * that measures this is built by other code from other sources (the ImageNet sample photos, test
 * photos' borders), so training is not tuned to its pictures.
 */
final class Backgrounds {
    static final int KINDS = 4;

    private Backgrounds() {}

    /** One {@code width x height} background, chosen and drawn from {@code rng}. */
    static BufferedImage draw(int width, int height, SplittableRandom rng) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int kind = rng.nextInt(KINDS);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            switch (kind) {
                case 0 -> {
                    g.setPaint(new GradientPaint((float) (rng.nextDouble() * width), (float) (rng.nextDouble() * height), colour(rng),
                            (float) (rng.nextDouble() * width), (float) (rng.nextDouble() * height), colour(rng)));
                    g.fillRect(0, 0, width, height);
                }
                case 1 -> blotches(g, out, rng);
                case 2 -> clutter(g, width, height, rng);
                default -> stripes(g, width, height, rng);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void blotches(Graphics2D g, BufferedImage out, SplittableRandom rng) {
        int cells = 3 + rng.nextInt(10);
        BufferedImage coarse = new BufferedImage(cells, cells, BufferedImage.TYPE_INT_RGB);
        Color base = colour(rng);
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                int d = rng.nextInt(100) - 50;
                coarse.setRGB(x, y, new Color(clamp(base.getRed() + d), clamp(base.getGreen() + d + rng.nextInt(20) - 10),
                        clamp(base.getBlue() + d + rng.nextInt(20) - 10)).getRGB());
            }
        }
        g.drawImage(coarse, 0, 0, out.getWidth(), out.getHeight(), null);
        int grain = 4 + rng.nextInt(20);
        int[] px = out.getRGB(0, 0, out.getWidth(), out.getHeight(), null, 0, out.getWidth());
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int n = rng.nextInt(2 * grain + 1) - grain;
            px[i] = clamp(((p >> 16) & 0xff) + n) << 16 | clamp(((p >> 8) & 0xff) + n) << 8 | clamp((p & 0xff) + n);
        }
        out.setRGB(0, 0, out.getWidth(), out.getHeight(), px, 0, out.getWidth());
    }

    private static void clutter(Graphics2D g, int width, int height, SplittableRandom rng) {
        g.setColor(colour(rng));
        g.fillRect(0, 0, width, height);
        int shapes = 4 + rng.nextInt(12);
        for (int i = 0; i < shapes; i++) {
            g.setColor(colour(rng));
            int w = (int) (width * (0.1 + 0.6 * rng.nextDouble()));
            int h = (int) (height * (0.1 + 0.6 * rng.nextDouble()));
            int x = rng.nextInt(width) - w / 2;
            int y = rng.nextInt(height) - h / 2;
            if (rng.nextBoolean()) {
                g.fillRect(x, y, w, h);
            } else {
                g.fillOval(x, y, w, h);
            }
        }
    }

    private static void stripes(Graphics2D g, int width, int height, SplittableRandom rng) {
        Color a = colour(rng);
        Color b = colour(rng);
        int period = Math.max(2, (int) (Math.max(width, height) * (0.05 + 0.3 * rng.nextDouble())));
        boolean tiles = rng.nextBoolean();
        g.rotate(rng.nextDouble() * Math.PI, width / 2.0, height / 2.0);
        int reach = 2 * Math.max(width, height);
        for (int i = -reach; i < reach; i += period) {
            for (int j = -reach; j < reach; j += tiles ? period : 2 * reach) {
                boolean dark = ((i / period) + (tiles ? j / period : 0)) % 2 == 0;
                g.setColor(dark ? a : b);
                g.fillRect(i, j, period, tiles ? period : 2 * reach);
            }
        }
    }

    private static Color colour(SplittableRandom rng) {
        return new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
