package dev.signdigits.runtime.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.graph.GraphOp;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import dev.signdigits.model.ChannelsLast;

/**
 * Inference with PyTorch (through DJL) on the {@link FoldedGraph} of a model: batch norm folded into
 * the convolutions once, at load, so a depthwise-separable block is four native ops (convolution with
 * bias, clamp, convolution with bias, clamp) and a call touches no parameter store; weights and
 * activations are channels-last ({@link ChannelsLast}). Activations are freed as soon as the next
 * op has read them. Weights are native arrays created once; calls only
 * read them, so calls may run at once, each with its own manager.
 */
public final class FoldedNetwork implements AutoCloseable {
    private final NDManager weightsManager;
    private final List<Step> steps;
    /** For each tensor, the index of the last step that reads it: it is freed right after. */
    private final int[] lastUse;
    private final int tensors;
    private final int logits;

    /**
     * One op as this network runs it (uneven TF-SAME pads already folded into the kernel) with its
     * native weights and bias (null for ops without). They belong to the network: read them, never
     * close or change them.
     */
    public record Step(GraphOp op, NDArray weights, NDArray bias) {}

    public FoldedNetwork(FoldedGraph graph, NDManager parent) {
        this.weightsManager = parent.newSubManager();
        this.tensors = graph.tensors().size();
        this.logits = graph.logits();
        List<Step> built = new ArrayList<>();
        for (GraphOp op : graph.ops()) {
            if (op instanceof GraphOp.Conv conv) {
                GraphOp.Conv padded = withSymmetricPadding(conv);
                built.add(new Step(padded, convWeights(padded), weightsManager.create(padded.bias())));
            } else if (op instanceof GraphOp.Dense dense) {
                built.add(new Step(op, weightsManager.create(FloatBuffer.wrap(dense.weights()),
                        new Shape(dense.outFeatures(), dense.inFeatures())), weightsManager.create(dense.bias())));
            } else {
                built.add(new Step(op, null, null));
            }
        }
        this.steps = List.copyOf(built);
        this.lastUse = new int[tensors];
        for (int i = 0; i < steps.size(); i++) {
            for (int input : steps.get(i).op().inputs()) {
                lastUse[input] = i;
            }
        }
    }

    /**
     * TF-SAME's uneven padding (one more row and column at the bottom and right, for stride 2 on
     * even sizes) as even padding: the kernel grows by a zero top row and left column, and padding
     * top + 1 on every side reads exactly the pixels the original reads. The convolution does up to
     * 16/9 of the multiplies, but the separate pad op, a full copy of the activation, disappears.
     */
    static GraphOp.Conv withSymmetricPadding(GraphOp.Conv conv) {
        int[] p = conv.pads();
        if (p[2] != p[0] + 1 || p[3] != p[1] + 1 || p[0] != p[1]) {
            return conv;
        }
        int k = conv.kernel();
        int grown = k + 1;
        int filters = conv.outChannels() * (conv.depthwise() ? 1 : conv.inChannels());
        float[] w = conv.weights();
        float[] out = new float[filters * grown * grown];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < k; r++) {
                System.arraycopy(w, (f * k + r) * k, out, (f * grown + r + 1) * grown + 1, k);
            }
        }
        int pad = p[2];
        return new GraphOp.Conv(conv.name(), conv.input(), conv.output(), conv.inChannels(), conv.outChannels(), grown,
                conv.stride(), new int[] {pad, pad, pad, pad}, conv.depthwise(), conv.relu6(), out, conv.bias());
    }

    private NDArray convWeights(GraphOp.Conv conv) {
        int in = conv.depthwise() ? 1 : conv.inChannels();
        int k = conv.kernel();
        try (NDArray oihw = weightsManager.create(FloatBuffer.wrap(conv.weights()), new Shape(conv.outChannels(), in, k, k))) {
            return ChannelsLast.copy(oihw);
        }
    }

    /**
     * The ops a call runs, in order, for tools that look inside a call (the benchmarks' per-op
     * profile re-runs them with a clock around each); {@link #forward} is the only way to serve.
     */
    public List<Step> steps() {
        return steps;
    }

    /** Logits for a normalized NCHW batch; the result lives in {@code manager}. */
    public NDArray forward(NDManager manager, float[] nchw, int n, int size) {
        NDArray x;
        try (NDArray input = manager.create(FloatBuffer.wrap(nchw), new Shape(n, 3, size, size))) {
            x = ChannelsLast.copy(input);
        }
        NDArray[] values = new NDArray[tensors];
        values[0] = x;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            GraphOp op = step.op();
            NDArray in = values[op.inputs().get(0)];
            NDArray out;
            if (op instanceof GraphOp.Conv conv) {
                out = conv(conv, in, step);
            } else if (op instanceof GraphOp.Add add) {
                out = in.add(values[add.right()]);
            } else if (op instanceof GraphOp.GlobalAveragePool) {
                out = Pool.globalAvgPool2d(in);
            } else {
                out = Linear.linear(in, step.weights(), step.bias()).singletonOrThrow();
            }
            values[op.output()] = out;
            // Free activations as soon as nothing reads them any more: a batch of 32 at 224 would
            // otherwise hold every layer's output (over a gigabyte) until the call ends.
            for (int input : op.inputs()) {
                if (lastUse[input] == i && input != 0) {
                    values[input].close();
                    values[input] = null;
                }
            }
        }
        return values[logits];
    }

    private static NDArray conv(GraphOp.Conv conv, NDArray x, Step step) {
        int[] p = conv.pads();
        boolean symmetric = p[0] == p[2] && p[1] == p[3];
        NDArray padded = symmetric ? x : x.pad(new Shape(p[1], p[3], p[0], p[2]), 0);
        Shape padding = symmetric ? new Shape(p[0], p[1]) : new Shape(0, 0);
        NDArray y = Conv2d.conv2d(padded, step.weights(), step.bias(), new Shape(conv.stride(), conv.stride()), padding,
                new Shape(1, 1), conv.depthwise() ? conv.outChannels() : 1).singletonOrThrow();
        if (padded != x) {
            padded.close();
        }
        if (!conv.relu6()) {
            return y;
        }
        NDArray clamped = y.clip(0f, 6f);
        y.close();
        return clamped;
    }

    @Override
    public void close() {
        weightsManager.close();
    }
}
