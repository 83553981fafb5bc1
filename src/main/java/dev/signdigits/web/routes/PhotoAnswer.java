package dev.signdigits.web.routes;

import dev.signdigits.hand.HandResult;
import dev.signdigits.web.Prediction;

/**
 * One photo's answer: the digit's probabilities, and what the hand locator said.
 *
 * @param prediction the classifier's answer, or null when no hand was found (then there is no digit)
 * @param hand       the locator's answer, or null for a model that reads whole photos
 * @param modelId    the model that answered
 */
record PhotoAnswer(Prediction prediction, HandResult hand, String modelId) {
    PhotoAnswer {
        if (prediction == null && !(hand instanceof HandResult.NoHand)) {
            throw new IllegalArgumentException("only a photo without a hand has no prediction");
        }
    }

    boolean hasDigit() {
        return prediction != null;
    }

    /** Why there is no digit (the locator's one sentence); null when there is one. */
    String reason() {
        return hand instanceof HandResult.NoHand none ? none.reason() : null;
    }
}
