package dev.signdigits.train;

/** One completed epoch, as it goes into metrics.csv and the curves. */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double learningRate, double seconds, long rssBytes) {}
