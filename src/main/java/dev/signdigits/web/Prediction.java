package dev.signdigits.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One image's answer: probabilities over the model's labels and which model gave them.
 *
 * @param labels        the model's class names in output order ("0".."9")
 * @param probabilities one value per label
 * @param modelId       the id of the model that classified the image
 */
public record Prediction(List<String> labels, float[] probabilities, String modelId) {

    /** A label and its probability. */
    public record Ranked(int digit, String label, float probability) {}

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
    public List<Ranked> top(int k) {
        List<Ranked> all = new ArrayList<>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Ranked(digitOf(i), labels.get(i), probabilities[i]));
        }
        all.sort(Comparator.comparingDouble((Ranked r) -> r.probability()).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** The digit a label names; labels are "0".."9" for this project, the index otherwise. */
    private int digitOf(int index) {
        String label = labels.get(index);
        return label.length() == 1 && Character.isDigit(label.charAt(0)) ? label.charAt(0) - '0' : index;
    }
}
