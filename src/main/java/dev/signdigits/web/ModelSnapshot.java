package dev.signdigits.web;

import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.runtime.ModelInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What is being served and how it got there, for the model card, health and metrics.
 *
 * @param info        what the model says about itself
 * @param directory   the resolved model directory (resolved by the service, never from a request)
 * @param fingerprint changes when the files in {@code directory} are replaced
 * @param loadedAt    when it started serving
 * @param loadTime    how long loading took
 * @param warmupTime  how long the warm-up inference took
 * @param tensorInput whether the classifier also takes pre-processed FP32 tensors
 * @param hand        how the model frames a photo: {@link HandFramingSpec#OFF} (whole photos) or the hand locator it was trained with
 */
public record ModelSnapshot(ModelInfo info, Path directory, String fingerprint, Instant loadedAt,
                            Duration loadTime, Duration warmupTime, boolean tensorInput, HandFramingSpec hand) {

    public String id() {
        return info.id();
    }

    /** Whether the model finds the hand first (trained with {@code --hand-locator}); its answers then say where. */
    public boolean locatesHand() {
        return hand.on();
    }
}
