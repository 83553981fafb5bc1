package dev.signdigits.compat;

import dev.signdigits.predict.PhotoPrediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a fixture's expected.csv: an input (a photo relative to the mirror, or
 * {@code tensor:<seed>}), the label ranked first and the probability of every label, written with
 * {@link Float#toString} so that reading it back gives the exact float.
 */
record ExpectedRow(String input, String top1, float[] probabilities) {

    static String header(List<String> labels) {
        List<String> cells = new ArrayList<>(List.of("input", "top1"));
        labels.forEach(label -> cells.add("p" + label));
        return String.join(",", cells);
    }

    static ExpectedRow of(String input, List<String> labels, float[] probabilities) {
        return new ExpectedRow(input, PhotoPrediction.of(input, probabilities, labels, 1).digit(), probabilities.clone());
    }

    static ExpectedRow parse(String line) {
        String[] cells = line.split(",");
        float[] p = new float[cells.length - 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = Float.parseFloat(cells[i + 2]);
        }
        return new ExpectedRow(cells[0], cells[1], p);
    }

    String toCsv() {
        StringBuilder line = new StringBuilder(input).append(',').append(top1);
        for (float p : probabilities) {
            line.append(',').append(p);
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return input + " " + top1 + " " + Arrays.toString(probabilities);
    }
}
