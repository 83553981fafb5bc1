package dev.signdigits.train;

/**
 * Linear warm-up, then cosine decay to {@code floor x base}: warm-up keeps the new random head from
 * wrecking the pretrained tail in the first steps; the decay settles the weights for the last epochs.
 */
record LearningRateSchedule(float base, long warmupSteps, long totalSteps, float floor) {

    float at(long step) {
        if (step < warmupSteps) {
            return base * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (base * (floor + (1 - floor) * cosine));
    }
}
