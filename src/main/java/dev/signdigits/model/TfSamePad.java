package dev.signdigits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Zero padding as TensorFlow's "SAME" computes it for a strided convolution: when the total is
 * odd the extra row and column go to the bottom and right (for 3x3 stride 2 on an even input:
 * 0 top/left, 1 bottom/right). DJL's symmetric conv padding would shift every output pixel.
 */
public final class TfSamePad extends AbstractBlock {
    private final int kernel;
    private final int stride;

    public TfSamePad(int kernel, int stride) {
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        int[] h = Padding.SAME.amounts((int) s.get(2), kernel, stride, 1);
        int[] w = Padding.SAME.amounts((int) s.get(3), kernel, stride, 1);
        if (h[0] == 0 && h[1] == 0 && w[0] == 0 && w[1] == 0) {
            return new NDList(x);
        }
        // pad() takes (before, after) pairs starting from the last axis: width, then height.
        return new NDList(x.pad(new Shape(w[0], w[1], h[0], h[1]), 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        int[] h = Padding.SAME.amounts((int) s.get(2), kernel, stride, 1);
        int[] w = Padding.SAME.amounts((int) s.get(3), kernel, stride, 1);
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) + h[0] + h[1], s.get(3) + w[0] + w[1])};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children, no parameters
    }

    @Override
    public String toString() {
        return "TfSamePad(kernel=" + kernel + ", stride=" + stride + ")";
    }
}
