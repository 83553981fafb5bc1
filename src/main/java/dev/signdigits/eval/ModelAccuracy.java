package dev.signdigits.eval;

import java.util.List;

/**
 * How one model behind an answer did on a photo set: the image network alone, the hand-shape
 * network alone, or what is served (their calibrated combination).
 *
 * @param model            "image", "hand shape" or "served"
 * @param description      one line for people, e.g. "image x shape^0.75, temperature 1.32"
 * @param correct          photos it read right
 * @param count            photos it read (those with a hand, for a located model)
 * @param accuracy         correct / count
 * @param calibrationError expected calibration error, as in {@link Evaluation#calibrationError()}
 */
public record ModelAccuracy(String model, String description, int correct, int count, double accuracy,
                            double calibrationError) {
    public static final String IMAGE = "image";
    public static final String SHAPE = "hand shape";
    public static final String SERVED = "served";

    public static ModelAccuracy of(String model, String description, List<String> labels, List<Scored> scored) {
        Evaluation e = Evaluation.of(labels, scored);
        return new ModelAccuracy(model, description, e.correct(), e.count(), e.accuracy(), e.calibrationError());
    }
}
