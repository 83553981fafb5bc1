package dev.signdigits.shape;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What the exported hand-shape network says about itself (the "signdigits" metadata entry of
 * hand-shape.tflite and hand-shape.onnx): how to make its input from MediaPipe's 21 landmarks and
 * how to combine its output with the image model's, so that an app can serve the same answer.
 *
 * @param format      always {@link #FORMAT}
 * @param modelId     the run id of the image model it goes with
 * @param labels      class names in output order
 * @param input       the input tensor's name and shape
 * @param features    how to compute the input, in words
 * @param output      the output tensor's name (softmax probabilities over labels)
 * @param shapeWeight the weight {@code w} of the combination
 * @param temperature the temperature {@code T} of the combination
 * @param combine     the combination, in words
 */
public record ShapeExportMetadata(String format, int formatVersion, String modelId, List<String> labels, String input,
                                  List<Integer> inputShape, String features, String output, double shapeWeight,
                                  double temperature, String combine) {
    public static final String FORMAT = "signdigits-hand-shape";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ShapeExportMetadata of(String modelId, List<String> labels, Combination c, int inputs) {
        return new ShapeExportMetadata(FORMAT, FORMAT_VERSION, modelId, List.copyOf(labels), ShapeExports.INPUT,
                List.of(-1, inputs),
                "MediaPipe's 21 hand landmarks (x, y in pixels, in MediaPipe's order); mirror x for a left hand"
                        + " (as seen in the photo); subtract the wrist (landmark 0); rotate so that wrist -> middle-finger"
                        + " base (landmark 9) points up (negative y) and divide by its length; then x0, y0, x1, y1, ..."
                        + " Read the landmarks as the image model's hand_refine_landmarks property says (full-mirrored:"
                        + " hand_landmark_full in MediaPipe's tracking region from the first reading, averaged with the same"
                        + " region read mirrored; docs/hand-locator.md, \"Landmark refinement\").",
                ShapeExports.OUTPUT, c.shapeWeight(), c.temperature(),
                "p = softmax((log p_image + w * log p_shape) / T), with log floored at log(1e-12); without a hand,"
                        + " p = softmax(log p_image / T)");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the hand-shape metadata", e);
        }
    }
}
