package dev.signdigits.web;

import dev.signdigits.hand.HandFraming;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import java.nio.file.Path;

/**
 * Opens the framing a loaded model must be served with. The service never chooses it: a model
 * trained with the hand locator records it ({@code hand_locator} and its settings), and one without
 * the keys reads whole photos.
 */
@FunctionalInterface
public interface FramingOpener {

    /**
     * The framing {@code classifier}'s model records; a missing or broken hand model file is a
     * SignDigitsException naming the file (exit code 3).
     */
    HandFraming open(DigitClassifier classifier);

    /**
     * What the model records, as {@code predict} reads it; the hand model files from
     * {@code handModelsDir} alone when not null, else the local copy, the offline mirror, then a download.
     */
    static FramingOpener recorded(Path handModelsDir) {
        return classifier -> PhotoPredictor.framingOf(classifier, handModelsDir);
    }

    /** As {@link #recorded(Path)}, each locator with {@code threads} TFLite threads (see {@link ServerConfig#locateThreads()}). */
    static FramingOpener recorded(Path handModelsDir, int threads) {
        return classifier -> PhotoPredictor.framingOf(classifier, handModelsDir, null, threads);
    }
}
