package dev.signdigits.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a loaded model says about itself.
 *
 * @param id          stable identifier, e.g. the run id
 * @param runtime     the runtime serving it: "djl", "tflite", "tflite-float16", "tflite-int8" or "onnx"
 * @param labels      class names in output order ("0".."9")
 * @param inputSize   square input edge in pixels
 * @param properties  free-form facts for the model card (architecture, accuracy, provenance)
 */
public record ModelInfo(String id, String runtime, List<String> labels, int inputSize, Map<String, String> properties) {
    public ModelInfo {
        labels = List.copyOf(labels);
        properties = Map.copyOf(properties);
    }

    /** Longer property values (the hand-shape network's weights) are summarized on pages and in reports. */
    public static final int DISPLAY_LIMIT = 200;

    /** A property value as people see it: as it is, or its length when it is data rather than a fact. */
    public static String forDisplay(String value) {
        return value == null || value.length() <= DISPLAY_LIMIT ? value
                : value.substring(0, 40) + "... (" + value.length() + " characters, in model.json)";
    }
}
