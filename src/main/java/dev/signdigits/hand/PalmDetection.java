package dev.signdigits.hand;

/**
 * One palm found by the detector.
 *
 * @param score     probability (sigmoid of the anchor's logit)
 * @param box       the palm box
 * @param keypoints 7 (x, y) pairs, interleaved: 0 wrist centre, 1 index-finger base, 2
 *                  middle-finger base, 3 ring-finger base, 4 little-finger base, 5 and 6 thumb
 *                  joints (MediaPipe's order)
 * Coordinates are in 0..1 of the detector's square input until {@link #mapped} moves them.
 */
public record PalmDetection(double score, Box box, double[] keypoints) {
    public static final int KEYPOINTS = 7;
    public static final int WRIST = 0;
    public static final int MIDDLE_FINGER_BASE = 2;

    public PalmDetection {
        if (keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("a palm detection has " + KEYPOINTS + " keypoints");
        }
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    public double keypointX(int k) {
        return keypoints[2 * k];
    }

    public double keypointY(int k) {
        return keypoints[2 * k + 1];
    }

    /** This detection with its unit coordinates (0..1 of {@code region}) moved to image pixels. */
    public PalmDetection mapped(RotatedRect region) {
        double[] a = region.fromUnit(box.x(), box.y());
        double[] b = region.fromUnit(box.x() + box.w(), box.y() + box.h());
        double[] k = new double[keypoints.length];
        for (int i = 0; i < KEYPOINTS; i++) {
            double[] p = region.fromUnit(keypoints[2 * i], keypoints[2 * i + 1]);
            k[2 * i] = p[0];
            k[2 * i + 1] = p[1];
        }
        Box mappedBox = new Box(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
        return new PalmDetection(score, mappedBox, k);
    }
}
