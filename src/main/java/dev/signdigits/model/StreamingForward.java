package dev.signdigits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Inference through a chain of layers that frees each intermediate output as soon as the next
 * layer has consumed it. A plain SequentialBlock keeps every activation of the batch alive until
 * its manager closes: for MobileNet v1 at 224 that is about 1.5 GB per batch of 32, which set the
 * process's peak memory. Only for inference: training needs the activations for backward.
 */
public final class StreamingForward {
    private StreamingForward() {}

    public static NDList run(Iterable<Block> layers, ParameterStore store, NDList input) {
        NDList current = input;
        for (Block layer : layers) {
            NDList next = layer.forward(store, current, false);
            if (current != input) {
                closeUnshared(current, next);
            }
            current = next;
        }
        return current;
    }

    private static void closeUnshared(NDList old, NDList next) {
        for (NDArray array : old) {
            boolean reused = false;
            for (NDArray kept : next) {
                if (kept == array) {
                    reused = true;
                    break;
                }
            }
            if (!reused) {
                array.close();
            }
        }
    }
}
