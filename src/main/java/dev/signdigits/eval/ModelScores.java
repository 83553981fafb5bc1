package dev.signdigits.eval;

import dev.signdigits.hand.HandResult;
import dev.signdigits.shape.Combination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores photos with each model behind a located model's answer at once: the image network's
 * probabilities as they came, the hand-shape network's, and the served {@link Combination}. One
 * pass gives the per-model rows of an evaluation, the ablation of the second opinion.
 */
public final class ModelScores {
    private final List<String> labels;
    private final Combination combination;
    private final List<Scored> image = new ArrayList<>();
    private final List<Scored> shape = new ArrayList<>();
    private final List<Scored> served = new ArrayList<>();

    public ModelScores(List<String> labels, Combination combination) {
        this.labels = List.copyOf(labels);
        this.combination = combination;
    }

    /** Adds one photo; returns the served probabilities. */
    public float[] add(String file, int label, float[] imageProbabilities, HandResult hand, String group) {
        image.add(new Scored(file, label, imageProbabilities, group));
        float[] shapeProbabilities = hand instanceof HandResult.Found found ? combination.shape(found) : null;
        if (shapeProbabilities != null) {
            shape.add(new Scored(file, label, shapeProbabilities, group));
        }
        float[] out = combination.combine(imageProbabilities,
                combination.usesShape() ? shapeProbabilities : null);
        served.add(new Scored(file, label, out, group));
        return out;
    }

    public List<Scored> served() {
        return List.copyOf(served);
    }

    public boolean isEmpty() {
        return served.isEmpty();
    }

    /** Image, hand shape (when the model has one) and served, in that order. */
    public List<ModelAccuracy> accuracies() {
        List<ModelAccuracy> out = new ArrayList<>();
        if (served.isEmpty()) {
            return out;
        }
        out.add(ModelAccuracy.of(ModelAccuracy.IMAGE, "the image network alone, uncalibrated", labels, image));
        if (!shape.isEmpty()) {
            out.add(ModelAccuracy.of(ModelAccuracy.SHAPE, "the hand-shape network alone (21 landmarks)", labels, shape));
        }
        out.add(ModelAccuracy.of(ModelAccuracy.SERVED, describe(combination), labels, served));
        return out;
    }

    /** The served combination in words. */
    public static String describe(Combination c) {
        String t = String.format(Locale.ROOT, "temperature %.2f", c.temperature());
        return c.usesShape() ? String.format(Locale.ROOT, "image x shape^%.2f, %s", c.shapeWeight(), t)
                : "image, " + t;
    }
}
