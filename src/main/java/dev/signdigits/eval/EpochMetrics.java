package dev.signdigits.eval;

/**
 * What one training epoch measured. Validation values are {@code NaN} when there was no validation set.
 *
 * @param epoch         1-based epoch number
 * @param seconds       wall-clock duration of the epoch
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss,
                           double valAccuracy, double learningRate, double seconds) {

    /** Whether this epoch has validation numbers. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss) || !Double.isNaN(valAccuracy);
    }
}
