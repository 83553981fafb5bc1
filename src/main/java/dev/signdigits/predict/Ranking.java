package dev.signdigits.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Orders a model's probabilities, for every place that ranks them (predict, the service,
 * evaluation). Ties keep the lower class index first, so the top entry is the first-maximum argmax
 * and top-1 agrees with accuracy.
 */
public final class Ranking {
    private Ranking() {}

    /** Class indices by descending probability. */
    public static int[] order(float[] probabilities) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted((a, b) -> {
                    int byProbability = Float.compare(probabilities[b], probabilities[a]);
                    return byProbability != 0 ? byProbability : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** The {@code k} (at least 1) most probable labels with their probabilities, most probable first. */
    public static List<LabelProbability> top(float[] probabilities, List<String> labels, int k) {
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException("model returned " + probabilities.length + " probabilities for "
                    + labels.size() + " labels");
        }
        int[] order = order(probabilities);
        int n = Math.min(Math.max(1, k), order.length);
        List<LabelProbability> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(new LabelProbability(labels.get(order[i]), widen(probabilities[order[i]])));
        }
        return List.copyOf(top);
    }

    /** The double that prints as the float does (0.71, not 0.7099999785), for reports and JSON. */
    public static double widen(float value) {
        return Double.parseDouble(Float.toString(value));
    }
}
