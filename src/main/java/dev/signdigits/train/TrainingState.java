package dev.signdigits.train;

import java.util.List;
import dev.signdigits.eval.EpochMetrics;

/**
 * What a checkpoint remembers besides weights: enough to continue a killed run from its last
 * completed epoch with the same schedule, early-stopping count and best model.
 */
public record TrainingState(int completedEpochs, long optimizerSteps, int bestEpoch, double bestValAccuracy,
                            double bestValLoss, int epochsWithoutImprovement, List<EpochMetrics> history,
                            String configHash) {}
