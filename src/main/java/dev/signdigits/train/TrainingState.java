package dev.signdigits.train;

import dev.signdigits.eval.EpochMetrics;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint remembers besides weights: enough to continue a killed run from its last
 * completed epoch with the same schedule, early-stopping count and best model, and the settings it
 * ran with, so that a resume with other settings can name what differs ({@code settings} is empty in
 * checkpoints written before it was recorded).
 */
public record TrainingState(int completedEpochs, long optimizerSteps, int bestEpoch, double bestValAccuracy,
                            double bestValLoss, int epochsWithoutImprovement, List<EpochMetrics> history,
                            String configHash, Map<String, String> settings) {
    public TrainingState {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
