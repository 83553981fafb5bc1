package dev.signdigits.model.tflite;

import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.graph.GraphTensor;
import java.nio.file.Path;

/**
 * Post-training calibration: runs images through a float32 export of a graph in the TFLite
 * runtime (reference kernels) and records each tensor's range and channel means. Calibrating on the exported float
 * model measures exactly the tensors the int8 model quantizes.
 */
public final class TfliteCalibrator {
    private TfliteCalibrator() {}

    /**
     * @param float32Model a file written by {@link TfliteWriter#writeForInspection}; in other files
     *                     the runtime reuses the memory of intermediate tensors
     * @param tensorIndex  its {@link TfliteWriter.Result#tensorIndex()}
     * @param images       normalized images in NHWC order, {@code H x W x 3} values each
     */
    public static ActivationStats calibrate(Path float32Model, FoldedGraph graph, int[] tensorIndex,
                                            Iterable<float[]> images) {
        int[] channels = graph.tensors().stream().mapToInt(GraphTensor::channels).toArray();
        ActivationStats stats = new ActivationStats(channels);
        try (TfliteInterpreter runtime = TfliteInterpreter.openForInspection(float32Model)) {
            for (float[] image : images) {
                runtime.run(image);
                for (int id = 0; id < tensorIndex.length; id++) {
                    if (tensorIndex[id] >= 0) {
                        stats.observe(id, runtime.tensor(tensorIndex[id]));
                    }
                }
            }
        }
        return stats;
    }
}
