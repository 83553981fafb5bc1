package dev.signdigits.web;

import dev.signdigits.predict.LabelProbability;
import dev.signdigits.predict.Ranking;
import java.util.List;

/**
 * One image's answer: probabilities over the model's labels and which model gave them.
 *
 * @param labels        the model's class names in output order ("0".."9")
 * @param probabilities one value per label
 * @param modelId       the id of the model that classified the image
 */
public record Prediction(List<String> labels, float[] probabilities, String modelId) {

    public Prediction {
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException("model returned " + probabilities.length + " probabilities for "
                    + labels.size() + " labels");
        }
    }

    public int bestIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public int digit() {
        return digitOf(bestIndex());
    }

    public String label() {
        return labels.get(bestIndex());
    }

    public float confidence() {
        return probabilities[bestIndex()];
    }

    /** The {@code k} most probable labels, most probable first. */
    public List<LabelProbability> top(int k) {
        return Ranking.top(probabilities, labels, k);
    }

    /** The digit a label names; labels are "0".."9" for this project, the label's index otherwise. */
    public int digitOf(String label) {
        return label.length() == 1 && Character.isDigit(label.charAt(0)) ? label.charAt(0) - '0' : labels.indexOf(label);
    }

    private int digitOf(int index) {
        return digitOf(labels.get(index));
    }
}
