package dev.signdigits.eval;

import java.util.Comparator;
import java.util.List;
import dev.signdigits.predict.LabelProbability;

/**
 * A photo the model got wrong.
 *
 * @param confidence the probability of the (wrong) predicted label
 * @param top3       the three most probable labels, most probable first
 */
public record Misclassified(String file, String trueLabel, String predictedLabel, double confidence,
                            List<LabelProbability> top3, String group) {

    /** Most confident mistakes first: they are the most surprising, then by file for a stable order. */
    static final Comparator<Misclassified> MOST_CONFIDENT_FIRST =
            Comparator.comparingDouble(Misclassified::confidence).reversed().thenComparing(Misclassified::file);

    public Misclassified {
        top3 = List.copyOf(top3);
    }
}
