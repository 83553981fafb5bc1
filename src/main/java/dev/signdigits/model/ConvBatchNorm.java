package dev.signdigits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A convolution and the batch norm after it, with the batch norm in inference mode (statistics
 * frozen, as everywhere in signdigits), computed as one convolution: weights {@code w * s}, bias
 * {@code beta - mean * s}, {@code s = gamma / sqrt(var + eps)}. The folding is a few ops on the
 * small parameter tensors, redone on every call, so gradients still reach the convolution's weights
 * and the batch norm's scale and shift; the batch norm's pass over the activations (and its backward
 * pass, the largest element-wise cost of a training step) disappears into the convolution's bias.
 */
public final class ConvBatchNorm {
    private ConvBatchNorm() {}

    /** Whether {@code conv} (a convolution, or TF-SAME pad + convolution) followed by {@code next} can be fused. */
    public static boolean fusable(Block conv, Block next) {
        return next instanceof BatchNorm && Layers.convOf(conv) != null;
    }

    /**
     * The fused pair's output. {@code training} only decides whether gradients are recorded for
     * the parameters; the batch norm's statistics are never updated.
     */
    public static NDList forward(ParameterStore store, Block convLayer, BatchNorm bn, NDList input, boolean training) {
        NDList x = input;
        if (convLayer instanceof SequentialBlock seq) {
            List<Block> children = seq.getChildren().values();
            for (Block child : children.subList(0, children.size() - 1)) {
                x = child.forward(store, x, training);
            }
        }
        Conv2d conv = Layers.convOf(convLayer);
        NDArray in = x.singletonOrThrow();
        NDArray weight = value(store, conv, "weight", in, training);
        NDArray gamma = value(store, bn, "gamma", in, training);
        NDArray beta = value(store, bn, "beta", in, training);
        NDArray mean = value(store, bn, "runningMean", in, false);
        NDArray var = value(store, bn, "runningVar", in, false);
        // DJL puts an op's result in its first operand's manager: here the model's, which lives
        // as long as the model. Every intermediate moves to the input's manager (a step or batch
        // scope) instead, or each call would leak the folded weights (measured: 1.5 MB a step).
        NDManager scope = in.getManager();
        NDArray varianceEps = scoped(var.add(Layers.BN_EPSILON), scope);
        NDArray scale = scoped(gamma.div(scoped(varianceEps.sqrt(), scope)), scope);
        NDArray perFilter = scoped(scale.reshape(scale.getShape().get(0), 1, 1, 1), scope);
        NDArray foldedWeight = scoped(weight.mul(perFilter), scope);
        NDArray foldedBias = scoped(beta.sub(scoped(mean.mul(scale), scope)), scope);
        return Conv2d.conv2d(in, foldedWeight, foldedBias, conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getGroups());
    }

    private static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    private static NDArray value(ParameterStore store, Block block, String name, NDArray input, boolean training) {
        return store.getValue(block.getParameters().get(name), input.getDevice(), training);
    }
}
