package dev.signdigits.predict;

import dev.signdigits.hand.HandResult;
import java.util.List;
import java.util.Optional;

/**
 * The answer for one photo: the top-k digits with probabilities, "no hand" (a model run with the
 * hand locator found none: no digit, not an error), or the reason it could not be read.
 *
 * @param file  the path as the user gave it
 * @param topK  most probable first; empty when {@code error} is set or no hand was found
 * @param error one sentence, or null
 * @param hand  what the hand locator said, or null when the model reads whole photos (or on an error)
 */
public record PhotoPrediction(String file, List<LabelProbability> topK, String error, HandResult hand) {

    public PhotoPrediction(String file, List<LabelProbability> topK, String error) {
        this(file, topK, error, null);
    }

    public static PhotoPrediction of(String file, float[] probabilities, List<String> labels, int k) {
        return of(file, probabilities, labels, k, null);
    }

    public static PhotoPrediction of(String file, float[] probabilities, List<String> labels, int k, HandResult hand) {
        return new PhotoPrediction(file, Ranking.top(probabilities, labels, k), null, hand);
    }

    public static PhotoPrediction failed(String file, String error) {
        return new PhotoPrediction(file, List.of(), error, null);
    }

    /** The photo was read but the locator found no hand in it: no digit. */
    public static PhotoPrediction noHand(String file, HandResult.NoHand hand) {
        return new PhotoPrediction(file, List.of(), null, hand);
    }

    /** The photo was read (a digit, or "no hand"). */
    public boolean ok() {
        return error == null;
    }

    /** Read, and a hand found or not looked for: there is a digit. */
    public boolean hasDigit() {
        return ok() && !topK.isEmpty();
    }

    /** The locator's answer, when the model runs with it. */
    public Optional<HandResult> handResult() {
        return Optional.ofNullable(hand);
    }

    public String digit() {
        return hasDigit() ? topK.get(0).label() : null;
    }

    public double confidence() {
        return hasDigit() ? topK.get(0).probability() : Double.NaN;
    }
}
