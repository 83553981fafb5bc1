package dev.signdigits.model.export;

import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.graph.GraphTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import dev.signdigits.model.tflite.ActivationStats;
import dev.signdigits.model.tflite.TfliteWriter;

/**
 * Post-training calibration: runs images through a float32 export of a graph in the TFLite
 * runtime (reference kernels) and records each tensor's range and channel means. Calibrating on the exported float
 * model measures exactly the tensors the int8 model quantizes. One interpreter per core, each on
 * a fixed share of the images, merged in a fixed order: the result does not depend on timing.
 */
public final class TfliteCalibrator {
    private TfliteCalibrator() {}

    /**
     * @param float32Model a file written by {@link TfliteWriter#writeForInspection}; in other files
     *                     the runtime reuses the memory of intermediate tensors
     * @param tensorIndex  its {@link TfliteWriter.Result#tensorIndex()}
     * @param images       the images, in any layout {@code toNhwc} turns into the model's input
     * @param toNhwc       one image as the model's normalized {@code H x W x 3} input
     */
    public static ActivationStats calibrate(Path float32Model, FoldedGraph graph, int[] tensorIndex,
                                            List<float[]> images, UnaryOperator<float[]> toNhwc) {
        int[] channels = graph.tensors().stream().mapToInt(GraphTensor::channels).toArray();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), images.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "calibration");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ActivationStats>> shares = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int first = w;
                shares.add(pool.submit(() -> {
                    ActivationStats stats = new ActivationStats(channels);
                    try (TfliteInterpreter runtime = TfliteInterpreter.openForInspection(float32Model)) {
                        for (int i = first; i < images.size(); i += workers) {
                            runtime.run(toNhwc.apply(images.get(i)));
                            for (int id = 0; id < tensorIndex.length; id++) {
                                if (tensorIndex[id] >= 0) {
                                    stats.observe(id, runtime.tensor(tensorIndex[id]));
                                }
                            }
                        }
                    }
                    return stats;
                }));
            }
            ActivationStats all = new ActivationStats(channels);
            for (Future<ActivationStats> share : shares) {
                all.add(share.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during calibration", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
