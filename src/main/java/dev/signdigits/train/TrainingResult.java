package dev.signdigits.train;

import java.nio.file.Path;

/**
 * What a finished run reports; the CLI prints it and tests assert on it.
 *
 * @param bestEpoch   the epoch with the best validation accuracy
 * @param weights     which weights the model has: "epoch N" (the best epoch's) or "mean of epochs A-B"
 * @param valAccuracy the validation accuracy of those weights
 */
public record TrainingResult(String runId, Path modelDir, int epochs, int bestEpoch, String weights, double valAccuracy,
                             double testAccuracy, int testCorrect, int testCount, double seconds, long peakRssBytes) {}
