package dev.signdigits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Four-dimensional arrays stored channels-last (NHWC in memory) under their NCHW shape. oneDNN
 * convolves in that layout; handed NCHW arrays, PyTorch reorders input, weights and output of every
 * convolution on every call (measured: batch-32 inference 40% faster channels-last). Once the input
 * is channels-last the layout carries through convolution, clamp and pad by itself. DJL has no
 * memory-format API, so the copy is made by reshaping an NHWC view, which PyTorch must copy.
 *
 * <p>The result never shares memory with its source: arrays DJL creates from Java buffers wrap a
 * direct buffer that is freed once the source is closed and collected, so a view of it would turn
 * into garbage (seen as NaN probabilities on large batches, after a GC).
 */
public final class ChannelsLast {
    private ChannelsLast() {}

    /** A channels-last copy of a 4-D array, in its manager; other arrays come back as they are. */
    public static NDArray copy(NDArray nchw) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4) {
            return nchw;
        }
        if (s.get(1) == 1 || s.get(2) * s.get(3) == 1) {
            // One channel, or 1x1 pixels (pointwise and depthwise weights): both layouts order the
            // values the same, and the reshape below would return a view, not a copy.
            return nchw.duplicate();
        }
        try (NDArray nhwcView = nchw.transpose(0, 2, 3, 1);
             NDArray copied = nhwcView.reshape(s.get(0), -1);
             NDArray nhwc = copied.reshape(s.get(0), s.get(2), s.get(3), s.get(1))) {
            return nhwc.transpose(0, 3, 1, 2);
        }
    }
}
