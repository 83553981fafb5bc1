package dev.signdigits.predict;

import dev.signdigits.hand.HandResult;
import java.util.List;
import java.util.Optional;

/**
 * The answer for one photo: the top-k digits with probabilities, "no hand" (a model run with the
 * hand locator found none: no digit, not an error), "not sure" (the most probable digit's
 * probability is below the {@link ConfidenceFloor}: the ranked digits are kept, but there is no
 * digit), or the reason it could not be read.
 *
 * @param file    the path as the user gave it
 * @param topK    most probable first; empty when {@code error} is set or no hand was found
 * @param error   one sentence, or null
 * @param hand    what the hand locator said, or null when the model reads whole photos (or on an error)
 * @param notSure the top probability is below the floor applied with {@link #withMinConfidence}; then
 *                {@link #digit()} is null and {@link #bestGuess()} names the most probable digit
 */
public record PhotoPrediction(String file, List<LabelProbability> topK, String error, HandResult hand,
                              boolean notSure) {

    public PhotoPrediction {
        if (notSure && (topK == null || topK.isEmpty())) {
            throw new IllegalArgumentException("only a photo with ranked digits can be not sure");
        }
    }

    /** An answer without a confidence floor applied (a digit whenever there are ranked digits). */
    public PhotoPrediction(String file, List<LabelProbability> topK, String error, HandResult hand) {
        this(file, topK, error, hand, false);
    }

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

    /**
     * This answer with {@code floor} applied: "not sure" when the most probable digit's probability
     * is below it (at the floor is sure), else sure. Decided from the probabilities alone, so a
     * second floor replaces the first. Errors and "no hand" answers are returned as they are.
     */
    public PhotoPrediction withMinConfidence(ConfidenceFloor floor) {
        if (topK.isEmpty()) {
            return this;
        }
        boolean below = floor.notSure(topK.get(0).probability());
        return below == notSure ? this : new PhotoPrediction(file, topK, error, hand, below);
    }

    /** As {@link #withMinConfidence(ConfidenceFloor)}; {@code floor} must be in [0, 1) (0: off). */
    public PhotoPrediction withMinConfidence(double floor) {
        return withMinConfidence(ConfidenceFloor.of(floor));
    }

    /** The photo was read (a digit, "not sure", or "no hand"). */
    public boolean ok() {
        return error == null;
    }

    /** Read and classified (a hand found or not looked for): there are ranked digits, sure or not. */
    public boolean classified() {
        return ok() && !topK.isEmpty();
    }

    /** Read, and the hand locator found no hand: not classified, no digit. */
    public boolean noHand() {
        return ok() && topK.isEmpty();
    }

    /** Classified and sure enough: there is a digit ("not sure" and "no hand" answers have none). */
    public boolean hasDigit() {
        return classified() && !notSure;
    }

    /** The locator's answer, when the model runs with it. */
    public Optional<HandResult> handResult() {
        return Optional.ofNullable(hand);
    }

    /** The digit read, or null: an error, "no hand", or "not sure" (see {@link #bestGuess()}). */
    public String digit() {
        return hasDigit() ? topK.get(0).label() : null;
    }

    /** The most probable digit whenever the photo was classified, sure or not; null otherwise. */
    public String bestGuess() {
        return classified() ? topK.get(0).label() : null;
    }

    /** The most probable digit's probability whenever the photo was classified (also when not sure); NaN otherwise. */
    public double confidence() {
        return classified() ? topK.get(0).probability() : Double.NaN;
    }
}
