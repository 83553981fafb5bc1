package dev.signdigits.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * One photo as the model saw it.
 *
 * @param file          the photo's path as shown to users (relative to the dataset when possible)
 * @param trueLabel     index of the correct class in the label list
 * @param probabilities one probability per label, in label order
 * @param group         the photo's session/person group, or {@code null} when unknown
 */
public record Scored(String file, int trueLabel, float[] probabilities, String group) {
    public Scored {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(probabilities, "probabilities");
        // the caller's array may be reused for the next batch
        probabilities = probabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The probability at {@code index} without copying the whole vector. */
    public float probability(int index) {
        return probabilities[index];
    }

    /** The number of classes this photo has probabilities for. */
    public int classCount() {
        return probabilities.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scored other
                && file.equals(other.file)
                && trueLabel == other.trueLabel
                && Arrays.equals(probabilities, other.probabilities)
                && Objects.equals(group, other.group);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, trueLabel, Arrays.hashCode(probabilities), group);
    }

    @Override
    public String toString() {
        return "Scored[file=" + file + ", trueLabel=" + trueLabel + ", probabilities="
                + Arrays.toString(probabilities) + ", group=" + group + "]";
    }
}
