package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A soft mask of a located hand, built only from its 21 landmarks: the filled palm (wrist, thumb
 * base and the four finger bases), a thick segment along each bone of MediaPipe's hand skeleton,
 * and a short thick segment from the wrist away from the fingers (the forearm towards the photo's
 * edge; as wide as the knuckle line from index to little finger base). Not the convex hull: the wall between spread fingers stays out of the mask.
 *
 * @param width  the photo's width
 * @param height the photo's height
 * @param alpha  per pixel, row by row: 1 on the hand, 0 off it, in between on a narrow feathered edge
 *
 * <p>Training uses it to put a photo's hand over other backgrounds ({@code train --background-share});
 * the background-replaced stand-in set is built with it too, from other background sources.
 */
public record HandMask(int width, int height, float[] alpha) {
    /** MediaPipe's hand connections (the bones, plus the knuckle line across the palm). */
    static final int[][] BONES = {
        {0, 1}, {1, 2}, {2, 3}, {3, 4},
        {0, 5}, {5, 6}, {6, 7}, {7, 8},
        {5, 9}, {9, 10}, {10, 11}, {11, 12},
        {9, 13}, {13, 14}, {14, 15}, {15, 16},
        {13, 17}, {0, 17}, {17, 18}, {18, 19}, {19, 20}};
    static final int[] PALM = {0, 1, 5, 9, 13, 17};
    /**
     * The finger radius as a share of the knuckle spacing (index to middle finger base). The spacing
     * is about a finger's width; 1.3 and 1.1 left a rim of wall around frontal fingers on the contact sheet.
     */
    static final double FINGER_WIDENING = 0.9;
    /** The forearm segment's length as a share of the palm (wrist to middle finger base). */
    static final double FOREARM_LENGTH = 0.5;
    /** Pixels over which the mask falls from 1 to 0, so the seam is not a hard cut-out edge. */
    static final double FEATHER = 1.5;

    /** The mask of the hand with these landmarks (source pixels; pixel (x, y) covers [x, x+1) x [y, y+1)). */
    public static HandMask of(List<Landmark> landmarks, int width, int height) {
        return of(landmarks, width, height, FINGER_WIDENING);
    }

    /**
     * As {@link #of(List, int, int)} with another finger widening: below {@link #FINGER_WIDENING}
     * the mask hugs the fingers (the stand-in that puts clutter right against them uses 0.6).
     */
    public static HandMask of(List<Landmark> landmarks, int width, int height, double widening) {
        if (landmarks.size() != Landmark.COUNT) {
            throw new IllegalArgumentException("a hand has " + Landmark.COUNT + " landmarks, got " + landmarks.size());
        }
        double[] xs = new double[Landmark.COUNT];
        double[] ys = new double[Landmark.COUNT];
        double[] zs = new double[Landmark.COUNT];
        for (int i = 0; i < Landmark.COUNT; i++) {
            xs[i] = landmarks.get(i).x();
            ys[i] = landmarks.get(i).y();
            zs[i] = landmarks.get(i).z();
        }
        double radius = widening * 0.5 * distance(xs, ys, zs, 5, 9);
        double palmX = xs[Landmark.WRIST] - xs[Landmark.MIDDLE_FINGER_BASE];
        double palmY = ys[Landmark.WRIST] - ys[Landmark.MIDDLE_FINGER_BASE];
        double[] forearm = {xs[0], ys[0], xs[0] + FOREARM_LENGTH * palmX, ys[0] + FOREARM_LENGTH * palmY};
        double forearmRadius = Math.max(radius, 0.5 * distance(xs, ys, zs, 5, 17));
        float[] alpha = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                // distance outside the hand's shape (0 inside)
                double outside = insidePalm(xs, ys, px, py) ? 0 : Double.MAX_VALUE;
                for (int[] bone : BONES) {
                    double d = segmentDistance(px, py, xs[bone[0]], ys[bone[0]], xs[bone[1]], ys[bone[1]]) - radius;
                    outside = Math.min(outside, d);
                }
                outside = Math.min(outside, segmentDistance(px, py, forearm[0], forearm[1], forearm[2], forearm[3]) - forearmRadius);
                alpha[y * width + x] = (float) Math.max(0, Math.min(1, 1 - outside / FEATHER));
            }
        }
        return new HandMask(width, height, alpha);
    }

    /**
     * Half the spacing of the index and middle finger bases, widened: about half a finger's width.
     * Measured with depth, because in a side view (the digit 0) the bases overlap in the picture
     * while the fingers keep their width.
     */
    static double fingerRadius(double[] xs, double[] ys, double[] zs) {
        return FINGER_WIDENING * 0.5 * distance(xs, ys, zs, 5, 9);
    }

    private static double distance(double[] xs, double[] ys, double[] zs, int a, int b) {
        return Math.sqrt(Math.pow(xs[a] - xs[b], 2) + Math.pow(ys[a] - ys[b], 2) + Math.pow(zs[a] - zs[b], 2));
    }

    public float at(int x, int y) {
        return alpha[y * width + x];
    }

    /** The photo where the mask is 1, the background where it is 0, blended on the feathered edge. */
    public BufferedImage over(BufferedImage photo, BufferedImage background) {
        if (photo.getWidth() != width || photo.getHeight() != height || background.getWidth() != width || background.getHeight() != height) {
            throw new IllegalArgumentException("photo, background and mask must be " + width + "x" + height);
        }
        // whole rows at a time: training composes a few thousand of these per run
        int[] p = photo.getRGB(0, 0, width, height, null, 0, width);
        int[] b = background.getRGB(0, 0, width, height, null, 0, width);
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            double a = alpha[i];
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int v = (int) Math.round(a * ((p[i] >> shift) & 0xff) + (1 - a) * ((b[i] >> shift) & 0xff));
                rgb |= v << shift;
            }
            out[i] = rgb;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, out, 0, width);
        return image;
    }

    /** The photo where the mask is 1, one colour where it is 0 (a masked crop's grey). */
    public BufferedImage overColor(BufferedImage photo, int rgb) {
        BufferedImage flat = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        java.util.Arrays.fill(row, rgb);
        for (int y = 0; y < height; y++) {
            flat.setRGB(0, y, width, 1, row, 0, width);
        }
        return over(photo, flat);
    }

    /** The mask as a grey picture (white = hand), for contact sheets. */
    BufferedImage picture() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = Math.round(255 * at(x, y));
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    /** Even-odd crossing test on the palm polygon (it may be slightly non-convex). */
    private static boolean insidePalm(double[] xs, double[] ys, double px, double py) {
        boolean inside = false;
        for (int i = 0, j = PALM.length - 1; i < PALM.length; j = i++) {
            double xi = xs[PALM[i]];
            double yi = ys[PALM[i]];
            double xj = xs[PALM[j]];
            double yj = ys[PALM[j]];
            if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
