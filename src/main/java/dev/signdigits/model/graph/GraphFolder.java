package dev.signdigits.model.graph;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import dev.signdigits.model.Padding;
import java.util.ArrayList;
import java.util.List;
import dev.signdigits.model.InvertedResidual;
import dev.signdigits.model.Layers;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.TfSamePad;
import dev.signdigits.model.store.FinetunedModel;

/**
 * Turns a loaded fine-tuned network into a {@link FoldedGraph} for export: every batch norm is
 * folded into the convolution before it ({@code s = gamma / sqrt(var + eps)}, weights times s,
 * bias {@code beta - mean * s}), TF-SAME pad layers become explicit convolution padding, ReLU6 is
 * attached to its convolution, dropout disappears (inference), residual blocks become adds.
 */
public final class GraphFolder {
    private GraphFolder() {}

    /** The graph of a loaded model; its parameters must be initialized (as after {@link FinetunedModel#load}). */
    public static FoldedGraph fold(FinetunedModel model) {
        List<String> names = model.metadata().layers();
        List<Block> blocks = new ArrayList<>(model.block().getChildren().values());
        if (names.size() != blocks.size()) {
            throw new IllegalStateException("model lists " + names.size() + " layers but has " + blocks.size());
        }
        List<NamedLayer> layers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            layers.add(new NamedLayer(names.get(i), blocks.get(i)));
        }
        return fold(layers, model.metadata().inputSize());
    }

    /** Folds a classifier built by {@link MobileNets#classifier} and initialized for {@code inputSize}. */
    public static FoldedGraph fold(List<NamedLayer> layers, int inputSize) {
        FoldedGraph.Builder graph = new FoldedGraph.Builder();
        int out = new Walk(graph).run(layers, graph.input(3, inputSize));
        if (!(graph.last() instanceof GraphOp.Dense)) {
            throw new IllegalStateException("the network does not end in a dense classifier");
        }
        return graph.build(out);
    }

    /** One pass over a layer list; a pending conv waits for its batch norm. */
    private static final class Walk {
        private final FoldedGraph.Builder graph;
        private boolean samePadNext;
        private NamedLayer pendingConv;
        private int pendingInput;

        Walk(FoldedGraph.Builder graph) {
            this.graph = graph;
        }

        int run(List<NamedLayer> layers, int input) {
            int current = input;
            for (NamedLayer layer : layers) {
                current = step(layer, current);
            }
            if (pendingConv != null || samePadNext) {
                throw new IllegalStateException("layer list ends inside a convolution");
            }
            return current;
        }

        private int step(NamedLayer layer, int current) {
            Block block = layer.block();
            if (pendingConv != null && !(block instanceof BatchNorm)) {
                throw unsupported(pendingConv, "a convolution not followed by batch norm");
            }
            if (block instanceof InvertedResidual residual) {
                int inner = run(residual.parts(), current);
                int sum = graph.tensor(layer.name(), graph.get(inner).channels(), graph.get(inner).size());
                graph.add(new GraphOp.Add(layer.name(), current, inner, sum));
                return sum;
            }
            if (block instanceof TfSamePad) {
                samePadNext = true;
                return current;
            }
            if (Layers.convOf(block) != null) {
                pendingConv = layer;
                pendingInput = current;
                return current;
            }
            if (block instanceof BatchNorm bn) {
                if (pendingConv == null) {
                    throw unsupported(layer, "a batch norm without a convolution before it");
                }
                int output = foldConv(pendingConv, bn, pendingInput);
                pendingConv = null;
                return output;
            }
            if (block instanceof Dropout) {
                return current; // identity at inference
            }
            if (block instanceof Linear) {
                return dense(layer, current);
            }
            if (layer.name().equals(MobileNets.GLOBAL_POOL)) {
                int pooled = graph.tensor(layer.name(), graph.get(current).channels(), 0);
                graph.add(new GraphOp.GlobalAveragePool(layer.name(), current, pooled));
                return pooled;
            }
            if (layer.name().endsWith("relu") && graph.last() instanceof GraphOp.Conv conv
                    && conv.output() == current && !conv.relu6()) {
                graph.replaceLast(conv.withRelu6());
                return current;
            }
            throw unsupported(layer, block.getClass().getSimpleName());
        }

        private int foldConv(NamedLayer layer, BatchNorm bn, int input) {
            Conv2d conv = Layers.convOf(layer.block());
            boolean samePad = samePadNext || hasInnerSamePad(layer.block());
            samePadNext = false;
            int inSize = graph.get(input).size();
            int inChannels = graph.get(input).channels();
            int kernel = (int) conv.getKernelShape().get(0);
            int stride = (int) conv.getStride().get(0);
            int symmetric = (int) conv.getPadding().get(0);
            int[] pads;
            if (samePad) {
                if (symmetric != 0) {
                    throw unsupported(layer, "a TF-SAME pad before a padded convolution");
                }
                int[] amounts = Padding.SAME.amounts(inSize, kernel, stride, 1);
                pads = new int[] {amounts[0], amounts[0], amounts[1], amounts[1]};
            } else {
                pads = new int[] {symmetric, symmetric, symmetric, symmetric};
            }
            int outSize = (inSize + pads[0] + pads[2] - kernel) / stride + 1;
            int outChannels = conv.getFilters();
            boolean depthwise = conv.getGroups() > 1;
            if (depthwise && (conv.getGroups() != inChannels || outChannels != inChannels)) {
                throw unsupported(layer, "a grouped convolution that is not depthwise");
            }
            float[] weights = values(conv, "weight");
            float[] gamma = values(bn, "gamma");
            float[] beta = values(bn, "beta");
            float[] mean = values(bn, "runningMean");
            float[] var = values(bn, "runningVar");
            int perFilter = weights.length / outChannels;
            float[] bias = new float[outChannels];
            for (int o = 0; o < outChannels; o++) {
                double s = gamma[o] / Math.sqrt(var[o] + (double) Layers.BN_EPSILON);
                for (int i = 0; i < perFilter; i++) {
                    weights[o * perFilter + i] = (float) (weights[o * perFilter + i] * s);
                }
                bias[o] = (float) (beta[o] - mean[o] * s);
            }
            int output = graph.tensor(layer.name(), outChannels, outSize);
            graph.add(new GraphOp.Conv(layer.name(), input, output, inChannels, outChannels, kernel, stride, pads,
                    depthwise, false, weights, bias));
            return output;
        }

        private int dense(NamedLayer layer, int input) {
            Parameter weight = layer.block().getParameters().get("weight");
            Shape shape = weight.getArray().getShape();
            int outFeatures = (int) shape.get(0);
            int inFeatures = (int) shape.get(1);
            if (!graph.get(input).isVector() || graph.get(input).channels() != inFeatures) {
                throw unsupported(layer, "a dense layer on a " + graph.get(input) + " input");
            }
            int output = graph.tensor(layer.name(), outFeatures, 0);
            graph.add(new GraphOp.Dense(layer.name(), input, output, inFeatures, outFeatures,
                    weight.getArray().toFloatArray(), values(layer.block(), "bias")));
            return output;
        }

        private static boolean hasInnerSamePad(Block block) {
            return block instanceof SequentialBlock seq
                    && seq.getChildren().values().stream().anyMatch(b -> b instanceof TfSamePad);
        }

        private static float[] values(Block block, String name) {
            Parameter p = block.getParameters().get(name);
            if (p == null || p.getArray() == null) {
                throw new IllegalStateException("no initialized parameter " + name + " in " + block.getClass().getSimpleName());
            }
            return p.getArray().toFloatArray();
        }

        private static IllegalStateException unsupported(NamedLayer layer, String what) {
            return new IllegalStateException("cannot export layer " + layer.name() + ": " + what);
        }
    }
}
