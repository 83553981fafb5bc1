package dev.signdigits.eval;

/**
 * What one training epoch measured. Validation values are {@code NaN} when there was no validation set.
 *
 * @param epoch         1-based epoch number
 * @param seconds       wall-clock duration of the epoch
 * @param rssBytes      the process's resident memory at the end of the epoch; 0 when not measured
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss,
                           double valAccuracy, double learningRate, double seconds, long rssBytes) {

    /** An epoch whose memory was not measured (as read back from metrics.csv). */
    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                        double learningRate, double seconds) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, learningRate, seconds, 0);
    }

    /** Whether this epoch has validation numbers. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss) || !Double.isNaN(valAccuracy);
    }
}
