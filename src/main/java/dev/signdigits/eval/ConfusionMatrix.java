package dev.signdigits.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true label, predicted label) pairs: {@code counts.get(t).get(p)} photos of class
 * {@code t} were predicted as {@code p}. Rows are true labels, columns predictions.
 */
public record ConfusionMatrix(List<String> labels, List<List<Integer>> counts) {

    public ConfusionMatrix {
        labels = List.copyOf(labels);
        counts = counts.stream().map(List::copyOf).toList();
        int n = labels.size();
        if (counts.size() != n || counts.stream().anyMatch(row -> row.size() != n)) {
            throw new IllegalArgumentException("confusion matrix must be " + n + "x" + n);
        }
    }

    static ConfusionMatrix of(List<String> labels, int[][] counts) {
        List<List<Integer>> rows = new ArrayList<>(counts.length);
        for (int[] row : counts) {
            rows.add(Arrays.stream(row).boxed().toList());
        }
        return new ConfusionMatrix(labels, rows);
    }

    public int size() {
        return labels.size();
    }

    public int count(int trueLabel, int predictedLabel) {
        return counts.get(trueLabel).get(predictedLabel);
    }

    /** Photos whose true label is {@code trueLabel}. */
    public int rowTotal(int trueLabel) {
        return counts.get(trueLabel).stream().mapToInt(Integer::intValue).sum();
    }

    /** Share of the row's photos in this cell, 0 for an empty row. */
    public double rowFraction(int trueLabel, int predictedLabel) {
        int total = rowTotal(trueLabel);
        return total == 0 ? 0 : (double) count(trueLabel, predictedLabel) / total;
    }

    public int total() {
        int sum = 0;
        for (int t = 0; t < size(); t++) {
            sum += rowTotal(t);
        }
        return sum;
    }
}
