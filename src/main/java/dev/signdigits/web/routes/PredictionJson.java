package dev.signdigits.web.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signdigits.hand.Box;
import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.Landmark;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.web.Prediction;
import java.util.List;

/**
 * The JSON shapes of /api/v1/predict and /api/v1/predict/batch. A model that reads whole photos
 * gets the shapes it always had (no {@code hand}); a model trained with the hand locator adds
 * {@code hand}, and a photo without a hand gets {@code "digit": null} and a {@code reason}. Every
 * classified photo says {@code not_sure}: true when its top probability is below the request's
 * confidence floor, and then {@code "digit": null}, its {@code best_guess}, {@code confidence} and
 * {@code top_k} as for a digit.
 */
final class PredictionJson {
    private PredictionJson() {}

    record Ranked(int digit, double probability) {}

    /**
     * Where the hand is, in the pixels of the photo as sent, turned upright by its EXIF orientation.
     *
     * @param found         whether a hand was found
     * @param score         the landmark model's hand presence (0..1)
     * @param detectorScore the palm detector's score, null when the hand was found by reading the whole photo (close-ups)
     * @param box           {@code [x, y, w, h]} around the 21 landmarks, clipped to the photo
     * @param handedness    "left" or "right", as seen in the photo
     * @param landmarks     21 {@code [x, y]} points in MediaPipe's order, only with {@code ?landmarks=true}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hand(boolean found, Double score, @JsonProperty("detector_score") Double detectorScore, double[] box,
                String handedness, List<double[]> landmarks) {

        static Hand of(HandResult result, boolean withLandmarks) {
            if (!(result instanceof HandResult.Found hand)) {
                return new Hand(false, null, null, null, null, null);
            }
            Box b = hand.box();
            return new Hand(true, round(hand.presence()),
                    Double.isNaN(hand.detectorScore()) ? null : round(hand.detectorScore()),
                    new double[] {pixels(b.x()), pixels(b.y()), pixels(b.w()), pixels(b.h())},
                    hand.handedness().toString(),
                    withLandmarks ? hand.landmarks().stream().map(PredictionJson::point).toList() : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Single(int digit, @JsonProperty("not_sure") boolean notSure, double confidence,
                  @JsonProperty("top_k") List<Ranked> topK, Hand hand, String model,
                  @JsonProperty("latency_ms") double latencyMs) {}

    /** A photo classified below the confidence floor: 200, no digit, the best guess and its probabilities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotSure(@JsonInclude(JsonInclude.Include.ALWAYS) Integer digit, @JsonProperty("not_sure") boolean notSure,
                   @JsonProperty("best_guess") int bestGuess, double confidence,
                   @JsonProperty("top_k") List<Ranked> topK, Hand hand, String model,
                   @JsonProperty("latency_ms") double latencyMs) {}

    /** A photo without a hand: 200, no digit, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoHand(@JsonInclude(JsonInclude.Include.ALWAYS) Integer digit, String reason, Hand hand, String model,
                  @JsonProperty("latency_ms") Double latencyMs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(int index, Integer digit, @JsonProperty("not_sure") Boolean notSure, Double confidence,
                @JsonProperty("top_k") List<Ranked> topK, Hand hand, String model, String error, Integer status) {

        static Item failed(int index, int status, String error) {
            return new Item(index, null, null, null, null, null, null, error, status);
        }
    }

    /** A photo of a batch classified below the confidence floor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotSureItem(int index, @JsonInclude(JsonInclude.Include.ALWAYS) Integer digit,
                       @JsonProperty("not_sure") boolean notSure, @JsonProperty("best_guess") int bestGuess,
                       double confidence, @JsonProperty("top_k") List<Ranked> topK, Hand hand, String model) {}

    /** A photo of a batch without a hand. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoHandItem(int index, @JsonInclude(JsonInclude.Include.ALWAYS) Integer digit, String reason, Hand hand,
                      String model) {}

    /** {@code results} holds {@link Item}s, {@link NotSureItem}s and {@link NoHandItem}s, in the order of the uploads. */
    record Batch(List<Object> results, @JsonProperty("latency_ms") double latencyMs) {}

    static Object single(PhotoAnswer answer, int topK, boolean landmarks, ConfidenceFloor floor, double latencyMs) {
        Hand hand = answer.hand() == null ? null : Hand.of(answer.hand(), landmarks);
        if (!answer.classified()) {
            return new NoHand(null, answer.reason(), hand, answer.modelId(), round(latencyMs));
        }
        Prediction p = answer.prediction();
        if (answer.notSure(floor)) {
            return new NotSure(null, true, p.digit(), round(p.confidence()), ranked(p, topK), hand, p.modelId(),
                    round(latencyMs));
        }
        return new Single(p.digit(), false, round(p.confidence()), ranked(p, topK), hand, p.modelId(), round(latencyMs));
    }

    static Object item(int index, PhotoAnswer answer, int topK, boolean landmarks, ConfidenceFloor floor) {
        Hand hand = answer.hand() == null ? null : Hand.of(answer.hand(), landmarks);
        if (!answer.classified()) {
            return new NoHandItem(index, null, answer.reason(), hand, answer.modelId());
        }
        Prediction p = answer.prediction();
        if (answer.notSure(floor)) {
            return new NotSureItem(index, null, true, p.digit(), round(p.confidence()), ranked(p, topK), hand, p.modelId());
        }
        return new Item(index, p.digit(), false, round(p.confidence()), ranked(p, topK), hand, p.modelId(), null, null);
    }

    private static List<Ranked> ranked(Prediction p, int topK) {
        return p.top(topK).stream().map(r -> new Ranked(p.digitOf(r.label()), round(r.probability()))).toList();
    }

    private static double[] point(Landmark l) {
        return new double[] {pixels(l.x()), pixels(l.y())};
    }

    /** Six decimals: enough for probabilities and milliseconds, and no float noise in the JSON. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /** Pixel positions to a hundredth of a pixel. */
    static double pixels(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
