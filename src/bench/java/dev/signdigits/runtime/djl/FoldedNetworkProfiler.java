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
import java.util.List;
import dev.signdigits.model.ChannelsLast;

/**
 * Where a djl runtime call spends its time: {@link FoldedNetwork#forward}'s ops, re-run here one by
 * one over the network's own {@link FoldedNetwork#steps() steps} with a clock around each native op,
 * so that the production forward pass carries no profiling hook. The same native calls in the same
 * order as the forward pass (FoldedNetworkProfilerTest checks the logits are identical); a change to
 * one belongs in the other.
 */
public final class FoldedNetworkProfiler {
    /** Receives the time each native op of a call took, by kind ("pointwise conv", "clamp (ReLU6)", ...). */
    @FunctionalInterface
    public interface OpTimer {
        void add(String kind, long nanos);

        /** Records the time since {@code since} under {@code kind}; returns now. */
        default long lap(String kind, long since) {
            long now = System.nanoTime();
            add(kind, now - since);
            return now;
        }
    }

    private final FoldedNetwork network;
    private final int tensors;
    private final int logits;
    /** For each tensor, the index of the last step that reads it: freed right after, as forward does. */
    private final int[] lastUse;

    public FoldedNetworkProfiler(FoldedNetwork network, FoldedGraph graph) {
        this.network = network;
        this.tensors = graph.tensors().size();
        this.logits = graph.logits();
        List<FoldedNetwork.Step> steps = network.steps();
        this.lastUse = new int[tensors];
        for (int i = 0; i < steps.size(); i++) {
            for (int input : steps.get(i).op().inputs()) {
                lastUse[input] = i;
            }
        }
    }

    /** {@link FoldedNetwork#forward}, reporting each op's time to {@code timer}; the result lives in {@code manager}. */
    public NDArray forward(NDManager manager, float[] nchw, int n, int size, OpTimer timer) {
        List<FoldedNetwork.Step> steps = network.steps();
        long t = System.nanoTime();
        NDArray x;
        try (NDArray input = manager.create(FloatBuffer.wrap(nchw), new Shape(n, 3, size, size))) {
            x = ChannelsLast.copy(input);
        }
        t = timer.lap("input (copy in, channels-last)", t);
        NDArray[] values = new NDArray[tensors];
        values[0] = x;
        for (int i = 0; i < steps.size(); i++) {
            FoldedNetwork.Step step = steps.get(i);
            GraphOp op = step.op();
            NDArray in = values[op.inputs().get(0)];
            NDArray out;
            if (op instanceof GraphOp.Conv conv) {
                out = conv(conv, in, step, timer, t);
            } else if (op instanceof GraphOp.Add add) {
                out = in.add(values[add.right()]);
                timer.lap("add", t);
            } else if (op instanceof GraphOp.GlobalAveragePool) {
                out = Pool.globalAvgPool2d(in);
                timer.lap("average pool", t);
            } else {
                out = Linear.linear(in, step.weights(), step.bias()).singletonOrThrow();
                timer.lap("dense", t);
            }
            values[op.output()] = out;
            t = System.nanoTime();
            for (int input : op.inputs()) {
                if (lastUse[input] == i && input != 0) {
                    values[input].close();
                    values[input] = null;
                }
            }
            t = timer.lap("free activations", t);
        }
        return values[logits];
    }

    private static NDArray conv(GraphOp.Conv conv, NDArray x, FoldedNetwork.Step step, OpTimer timer, long t) {
        int[] p = conv.pads();
        boolean symmetric = p[0] == p[2] && p[1] == p[3];
        NDArray padded = symmetric ? x : x.pad(new Shape(p[1], p[3], p[0], p[2]), 0);
        Shape padding = symmetric ? new Shape(p[0], p[1]) : new Shape(0, 0);
        if (!symmetric) {
            t = timer.lap("pad (TF-SAME, stride 2)", t);
        }
        NDArray y = Conv2d.conv2d(padded, step.weights(), step.bias(), new Shape(conv.stride(), conv.stride()), padding,
                new Shape(1, 1), conv.depthwise() ? conv.outChannels() : 1).singletonOrThrow();
        if (padded != x) {
            padded.close();
        }
        t = timer.lap(conv.depthwise() ? "depthwise conv" : conv.kernel() == 1 ? "pointwise conv" : "full conv", t);
        if (!conv.relu6()) {
            return y;
        }
        NDArray clamped = y.clip(0f, 6f);
        y.close();
        timer.lap("clamp (ReLU6)", t);
        return clamped;
    }
}
