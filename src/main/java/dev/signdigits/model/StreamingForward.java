package dev.signdigits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference through a chain of layers that frees each intermediate output as soon as the next
 * layer has consumed it. A plain SequentialBlock keeps every activation of the batch alive until
 * its manager closes: for MobileNet v1 at 224 that is about 1.5 GB per batch of 32, which set the
 * process's peak memory. Only for inference: training needs the activations for backward. A
 * convolution and its batch norm run as one convolution ({@link ConvBatchNorm}).
 */
public final class StreamingForward {
    private StreamingForward() {}

    public static NDList run(Iterable<Block> layers, ParameterStore store, NDList input) {
        List<Block> blocks = new ArrayList<>();
        layers.forEach(blocks::add);
        // Convolutions run channels-last; a copy made here is ours to free like any intermediate.
        NDArray first = input.singletonOrThrow();
        NDArray converted = ChannelsLast.copy(first);
        NDList current = converted == first ? input : new NDList(converted);
        for (int i = 0; i < blocks.size(); i++) {
            Block layer = blocks.get(i);
            NDList next;
            if (i + 1 < blocks.size() && ConvBatchNorm.fusable(layer, blocks.get(i + 1))) {
                next = ConvBatchNorm.forward(store, layer, (BatchNorm) blocks.get(++i), current, false);
            } else {
                next = layer.forward(store, current, false);
            }
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
