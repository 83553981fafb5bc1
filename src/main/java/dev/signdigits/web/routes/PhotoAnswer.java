package dev.signdigits.web.routes;

import dev.signdigits.hand.HandResult;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.web.Prediction;

/**
 * One photo's answer: the digit's probabilities, and what the hand locator said. Whether it is "not
 * sure" depends on the floor the request asks for ({@link #notSure}).
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

    /** The model classified the photo (a hand was found, or not looked for): there are probabilities. */
    boolean classified() {
        return prediction != null;
    }

    /** Classified, but its most probable digit's probability is below {@code floor}: no digit, a best guess. */
    boolean notSure(ConfidenceFloor floor) {
        // the probability as the JSON shows it, so a floor equal to an answer's confidence keeps its digit
        return prediction != null && floor.notSure(PredictionJson.round(prediction.confidence()));
    }

    /** Why there is no digit (the locator's one sentence); null when there is one. */
    String reason() {
        return hand instanceof HandResult.NoHand none ? none.reason() : null;
    }
}
