package dev.signdigits.web.views;

import java.util.List;

/**
 * The model card: what is served, how it was made and how well it does.
 *
 * @param modelId            the model's id
 * @param runtime            djl, tflite or onnx
 * @param inputSize          input edge in pixels
 * @param labels             class names in output order
 * @param properties         the model's own facts (metrics, provenance), sorted by name
 * @param directoryName      the model directory's name (not its full path)
 * @param loadedAt           when it started serving, ISO-8601 UTC
 * @param servingFor         how long it has been serving, e.g. "3 h 12 min"
 * @param loadMillis         load time
 * @param warmupMillis       warm-up inference time
 * @param tensorInput        whether KServe v2 FP32 input is available
 * @param hasConfusionMatrix whether /model/confusion-matrix.png exists
 */
public record ModelCardView(String modelId, String runtime, int inputSize, List<String> labels, List<Property> properties,
                            String directoryName, String loadedAt, String servingFor, long loadMillis, long warmupMillis,
                            boolean tensorInput, boolean hasConfusionMatrix) {

    /** One row of the properties table. */
    public record Property(String name, String value) {}

    public ModelCardView {
        labels = List.copyOf(labels);
        properties = List.copyOf(properties);
    }

    public String labelList() {
        return String.join(", ", labels);
    }
}
