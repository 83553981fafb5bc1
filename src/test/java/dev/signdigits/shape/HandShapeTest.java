package dev.signdigits.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.hand.Handedness;
import dev.signdigits.hand.Landmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandShapeTest {

    /** A random but fixed hand: 21 points around a palm. */
    private static List<Landmark> hand(long seed) {
        Random r = new Random(seed);
        List<Landmark> marks = new ArrayList<>();
        for (int i = 0; i < Landmark.COUNT; i++) {
            marks.add(new Landmark(50 + r.nextGaussian() * 15, 50 + r.nextGaussian() * 15, r.nextGaussian()));
        }
        return marks;
    }

    private static List<Landmark> moved(List<Landmark> marks, double angle, double scale, double dx, double dy, boolean mirror) {
        List<Landmark> out = new ArrayList<>();
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (Landmark l : marks) {
            double x = mirror ? -l.x() : l.x();
            out.add(new Landmark(scale * (c * x - s * l.y()) + dx, scale * (s * x + c * l.y()) + dy, l.z()));
        }
        return out;
    }

    @Test
    void wristAtOriginAndPalmPointingUpOneUnitLong() {
        float[] f = HandShape.features(hand(1), Handedness.RIGHT);
        assertThat(f).hasSize(HandShape.FEATURES);
        assertThat(f[0]).isCloseTo(0f, within(1e-6f));
        assertThat(f[1]).isCloseTo(0f, within(1e-6f));
        assertThat(f[2 * Landmark.MIDDLE_FINGER_BASE]).isCloseTo(0f, within(1e-5f));
        assertThat(f[2 * Landmark.MIDDLE_FINGER_BASE + 1]).isCloseTo(-1f, within(1e-5f));
    }

    @Test
    void positionScaleAndInPlaneRotationDoNotChangeTheFeatures() {
        List<Landmark> marks = hand(2);
        float[] f = HandShape.features(marks, Handedness.RIGHT);
        float[] g = HandShape.features(moved(marks, 1.1, 3.5, -200, 40, false), Handedness.RIGHT);
        for (int i = 0; i < f.length; i++) {
            assertThat(g[i]).as("feature %d", i).isCloseTo(f[i], within(1e-4f));
        }
    }

    @Test
    void aLeftHandIsTheMirrorOfTheSameRightHand() {
        List<Landmark> right = hand(3);
        float[] f = HandShape.features(right, Handedness.RIGHT);
        float[] g = HandShape.features(moved(right, 0.3, 0.7, 10, 10, true), Handedness.LEFT);
        for (int i = 0; i < f.length; i++) {
            assertThat(g[i]).as("feature %d", i).isCloseTo(f[i], within(1e-4f));
        }
        // and a mirrored hand read as a right hand is a different shape
        float[] h = HandShape.features(moved(right, 0, 1, 0, 0, true), Handedness.RIGHT);
        double diff = 0;
        for (int i = 0; i < f.length; i++) {
            diff += Math.abs(h[i] - f[i]);
        }
        assertThat(diff).isGreaterThan(1);
    }

    @Test
    void aDegenerateHandStillGivesFiniteFeatures() {
        List<Landmark> marks = new ArrayList<>(hand(4));
        marks.set(Landmark.MIDDLE_FINGER_BASE, marks.get(Landmark.WRIST));
        for (float v : HandShape.features(marks, Handedness.RIGHT)) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }
}
