package dev.signdigits.train;

import java.nio.file.Path;

/** What a finished run reports; the CLI prints it and tests assert on it. */
public record TrainingResult(String runId, Path modelDir, int epochs, int bestEpoch, double valAccuracy,
                             double testAccuracy, int testCorrect, int testCount, double seconds, long peakRssBytes) {}
