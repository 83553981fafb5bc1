package dev.signdigits.eval;

import java.util.Comparator;

/**
 * Accuracy on one group of photos (one person's session): low values show people the model fails on.
 *
 * @param n       photos in the group
 * @param correct photos classified correctly
 */
public record GroupAccuracy(String group, int n, int correct, double accuracy) {

    /** Worst first; among equal accuracy the larger group first (more evidence), then by name. */
    static final Comparator<GroupAccuracy> WORST_FIRST = Comparator.comparingDouble(GroupAccuracy::accuracy)
            .thenComparing(Comparator.comparingInt(GroupAccuracy::n).reversed())
            .thenComparing(GroupAccuracy::group);

    static GroupAccuracy of(String group, int n, int correct) {
        return new GroupAccuracy(group, n, correct, n == 0 ? 0 : (double) correct / n);
    }
}
