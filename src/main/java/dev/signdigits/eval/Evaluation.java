package dev.signdigits.eval;

import dev.signdigits.SignDigitsException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything measured on one set of scored photos. Immutable; build it with {@link #of}. Every
 * number is finite (undefined ratios are 0), so it serializes to JSON without NaN.
 *
 * @param labels          class names, index i = class i
 * @param count           photos evaluated
 * @param correct         photos whose most probable label is the true one
 * @param accuracy        correct / count
 * @param top2Accuracy    share of photos whose true label is among the 2 most probable
 * @param top3Accuracy    share of photos whose true label is among the 3 most probable
 * @param meanLogLoss     mean of -ln p(true label), with p clipped to [1e-15, 1] as scikit-learn does
 * @param calibrationError expected calibration error: the photos binned by the top answer's
 *                        probability into {@link #CALIBRATION_BINS} equal bins, the mean over photos of
 *                        |accuracy - mean probability| of their bin (0: "90% sure" is right 90% of the time)
 * @param perClass        one entry per label, in label order
 * @param groups          accuracy per group, worst first; photos without a group are left out
 * @param misclassified   the mistakes, most confident first
 */
public record Evaluation(
        List<String> labels,
        int count,
        int correct,
        double accuracy,
        double top2Accuracy,
        double top3Accuracy,
        double meanLogLoss,
        double calibrationError,
        List<ClassMetrics> perClass,
        Averages macroAverage,
        Averages weightedAverage,
        ConfusionMatrix confusionMatrix,
        List<GroupAccuracy> groups,
        List<Misclassified> misclassified) {

    /** Probabilities below this count as this for log-loss, so one confident mistake stays finite. */
    public static final double LOG_LOSS_EPSILON = 1e-15;
    /** Confidence bins of {@link #calibrationError()} (the usual 15 of Guo et al., 2017). */
    public static final int CALIBRATION_BINS = 15;

    public Evaluation {
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        groups = List.copyOf(groups);
        misclassified = List.copyOf(misclassified);
        Objects.requireNonNull(macroAverage, "macroAverage");
        Objects.requireNonNull(weightedAverage, "weightedAverage");
        Objects.requireNonNull(confusionMatrix, "confusionMatrix");
    }

    /**
     * Evaluates scored photos against {@code labels}.
     *
     * @throws SignDigitsException if there is nothing to evaluate, or a photo's label or
     *                             probabilities do not fit the label list
     */
    public static Evaluation of(List<String> labels, List<Scored> scored) {
        checkLabels(labels);
        if (scored.isEmpty()) {
            throw new SignDigitsException(
                    "Nothing to evaluate: no photos were scored; check that the evaluation split is not empty.");
        }
        Tally tally = new Tally(labels);
        for (Scored photo : scored) {
            check(labels, photo);
            tally.add(photo);
        }
        return tally.toEvaluation();
    }

    /** The {@code n} groups with the lowest accuracy. */
    public List<GroupAccuracy> worstGroups(int n) {
        return groups.subList(0, Math.min(n, groups.size()));
    }

    private static void checkLabels(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be distinct: " + labels);
        }
    }

    private static void check(List<String> labels, Scored photo) {
        if (photo.trueLabel() < 0 || photo.trueLabel() >= labels.size()) {
            throw new SignDigitsException("Photo " + photo.file() + " has label index " + photo.trueLabel()
                    + ", outside the model's " + labels.size() + " labels " + labels
                    + "; evaluate it with a model trained on the same labels.");
        }
        if (photo.classCount() != labels.size()) {
            throw new SignDigitsException("Photo " + photo.file() + " has " + photo.classCount()
                    + " probabilities but there are " + labels.size() + " labels " + labels
                    + "; evaluate with the model's own label list.");
        }
        for (int i = 0; i < photo.classCount(); i++) {
            float p = photo.probability(i);
            if (!Float.isFinite(p) || p < 0) {
                throw new SignDigitsException("Photo " + photo.file() + " got probability " + p + " for label "
                        + labels.get(i) + "; the model produced invalid outputs: retrain it, e.g. with a lower learning rate.");
            }
        }
    }
}
