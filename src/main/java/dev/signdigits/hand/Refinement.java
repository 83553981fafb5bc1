package dev.signdigits.hand;

import java.util.Locale;

/**
 * What the locator does with a hand once found: read its 21 landmarks again with MediaPipe's
 * full landmark model, in the region the landmarks themselves give (the tracking region, the hand
 * centred and upright as the model was trained to see it), and keep that reading. Over cluttered
 * backgrounds the first reading's fingertips are often pulled onto the clutter; the second reading
 * is steadier, and the mean with a reading of the mirrored region steadier still
 * (docs/performance.md, issue 16 session 9: the hand-shape network alone 93.8% -> 98.2% on the
 * background-replaced stand-in). Each read costs one full landmark run (about 9 ms on one core).
 */
public enum Refinement {
    /** Keep the locator's reading (models trained before refinement existed). */
    NONE(0),
    /** One full-model read in the hand's own region. */
    FULL(1),
    /** The mean of a full-model read in the hand's own region and one in that region mirrored. */
    FULL_MIRRORED(2);

    private final int reads;

    Refinement(int reads) {
        this.reads = reads;
    }

    /** Full-model runs per found hand. */
    public int reads() {
        return reads;
    }

    /** The property value: {@code none}, {@code full} or {@code full-mirrored}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@link #toString()}; anything else is an {@link IllegalArgumentException} naming it. */
    public static Refinement parse(String value) {
        for (Refinement r : values()) {
            if (r.toString().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown landmark refinement '" + value + "' (none, full or full-mirrored)");
    }
}
