package dev.signdigits.shape;

import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.Handedness;
import dev.signdigits.hand.Landmark;

import java.util.List;

/**
 * The hand's shape as the {@link ShapeNetwork} reads it: the 21 landmarks' x and y, with the wrist
 * at the origin, the wrist-to-middle-finger-base line pointing up (negative y) and one unit long,
 * and left hands mirrored to right ones. What is left is the pose of the fingers, which no
 * background, light or camera changes. Depth ({@code z}) is left out: it is the landmark model's
 * noisiest output.
 */
public final class HandShape {
    /** 21 landmarks times (x, y). */
    public static final int FEATURES = 2 * Landmark.COUNT;

    private HandShape() {}

    public static float[] features(HandResult.Found hand) {
        return features(hand.landmarks(), hand.handedness());
    }

    public static float[] features(List<Landmark> landmarks, Handedness handedness) {
        double mirror = handedness == Handedness.LEFT ? -1 : 1;
        Landmark wrist = landmarks.get(Landmark.WRIST);
        Landmark base = landmarks.get(Landmark.MIDDLE_FINGER_BASE);
        double ux = mirror * (base.x() - wrist.x());
        double uy = base.y() - wrist.y();
        double length = Math.hypot(ux, uy);
        if (!(length > 1e-6)) {
            // degenerate (never seen from the landmark model): keep the orientation, scale by the spread
            ux = 0;
            uy = -1;
            length = spread(landmarks);
        }
        // rotate (ux, uy) onto (0, -1): new x = (-uy*x + ux*y)/len, new y = -(ux*x + uy*y)/len
        double cos = -uy / length;
        double sin = ux / length;
        float[] out = new float[FEATURES];
        for (int i = 0; i < Landmark.COUNT; i++) {
            Landmark l = landmarks.get(i);
            double x = mirror * (l.x() - wrist.x());
            double y = l.y() - wrist.y();
            out[2 * i] = (float) ((cos * x + sin * y) / length);
            out[2 * i + 1] = (float) ((-sin * x + cos * y) / length);
        }
        return out;
    }

    private static double spread(List<Landmark> landmarks) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Landmark l : landmarks) {
            minX = Math.min(minX, l.x());
            maxX = Math.max(maxX, l.x());
            minY = Math.min(minY, l.y());
            maxY = Math.max(maxY, l.y());
        }
        return Math.max(1e-6, Math.max(maxX - minX, maxY - minY));
    }
}
