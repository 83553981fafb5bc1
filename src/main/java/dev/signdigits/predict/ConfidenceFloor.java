package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;

/**
 * The confidence below which an answer is "not sure": {@code --min-confidence} of {@code predict},
 * {@code serve} and {@code batch}, and the service's {@code ?min_confidence=}. A photo whose most
 * probable digit has a probability below the floor keeps its ranked digits (the best guess stays
 * visible) but gets no digit. The probabilities are calibrated on the validation split, so of the
 * answers given with confidence p about a share p is right: the floor is the least share of right
 * answers one accepts at the margin. 0 turns it off.
 *
 * @param value in [0, 1); an answer is not sure when its top probability is below it
 */
public record ConfidenceFloor(double value) {
    /**
     * The default of every {@code --min-confidence}: the one place it is set (the options, the
     * service and the docs read it from here).
     */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    /** {@link #DEFAULT_MIN_CONFIDENCE} as text, for option annotations (which take constant strings). */
    public static final String DEFAULT_TEXT = "" + DEFAULT_MIN_CONFIDENCE;

    /** The option that sets it, named in messages. */
    public static final String OPTION = "--min-confidence";

    public static final ConfidenceFloor DEFAULT = new ConfidenceFloor(DEFAULT_MIN_CONFIDENCE);

    /** Every answer keeps its digit. */
    public static final ConfidenceFloor OFF = new ConfidenceFloor(0);

    public ConfidenceFloor {
        if (!accepts(value)) {
            throw new SignDigitsException(problem(OPTION, value));
        }
    }

    /** The floor, or a clear error naming {@value #OPTION} when {@code value} is outside [0, 1). */
    public static ConfidenceFloor of(double value) {
        return new ConfidenceFloor(value);
    }

    /** Whether {@code value} is a floor: at least 0 and below 1 (a floor of 1 would leave no answer a digit). */
    public static boolean accepts(double value) {
        return value >= 0 && value < 1;
    }

    /** The one sentence for a bad floor given as {@code name} (an option or a query parameter). */
    public static String problem(String name, double value) {
        return name + " must be at least 0 and below 1 (0 turns it off; default " + DEFAULT_MIN_CONFIDENCE
                + "), got " + value + ".";
    }

    /** Whether this floor keeps every answer's digit. */
    public boolean off() {
        return value == 0;
    }

    /** Whether an answer whose most probable digit has {@code topProbability} is "not sure". */
    public boolean notSure(double topProbability) {
        return topProbability < value;
    }
}
