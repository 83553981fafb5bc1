package dev.signdigits.eval;

/**
 * Precision, recall and F1 of one class. Undefined ratios (no photo of the class, or the class was
 * never predicted) are 0, never NaN, as scikit-learn does with {@code zero_division=0}.
 *
 * @param support   photos whose true label is this class
 * @param predicted photos the model assigned to this class
 */
public record ClassMetrics(String label, double precision, double recall, double f1, int support, int predicted) {

    static ClassMetrics of(String label, int truePositives, int support, int predicted) {
        double precision = ratio(truePositives, predicted);
        double recall = ratio(truePositives, support);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, precision, recall, f1, support, predicted);
    }

    /** Whether the class occurs at all, as a true label or a prediction. */
    public boolean occurs() {
        return support > 0 || predicted > 0;
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
