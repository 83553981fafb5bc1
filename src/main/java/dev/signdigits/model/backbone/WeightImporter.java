package dev.signdigits.model.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.TensorValues;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteOperator;
import dev.signdigits.model.tflite.TfliteSubgraph;
import java.util.Arrays;
import java.util.List;
import dev.signdigits.model.ConvSlot;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.Layers;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;

/**
 * Copies a recognized TFLite MobileNet's weights into our initialized layers. TFLite folds batch
 * norm into each convolution (weights scaled, a bias added); we keep a BatchNorm after every conv
 * so it can be fine-tuned, set to the identity plus the folded bias: running mean 0, running
 * variance 1, beta = bias, and gamma = sqrt(1 + epsilon), which cancels BN's epsilon exactly.
 */
final class WeightImporter {
    private WeightImporter() {}

    /** {@code layers} must be initialized and built by {@link MobileNets#network} for the graph's spec. */
    static void apply(MobileNetGraph graph, List<NamedLayer> layers) {
        TfliteModel model = graph.model();
        TfliteSubgraph g = model.mainGraph();
        List<ConvSlot> slots = ConvSlot.of(layers);
        for (int i = 0; i < slots.size(); i++) {
            ConvSlot slot = slots.get(i);
            TfliteOperator op = graph.convolutions().get(i);
            float[] weights = TensorValues.dequantize(model, g.tensor(op.input(1)));
            int[] shape = g.tensor(op.input(1)).shape();
            float[] oihw = op.builtinCode() == BuiltinOperators.DEPTHWISE_CONV_2D
                    ? depthwiseToOihw(weights, shape) : ohwiToOihw(weights, shape);
            param(slot.conv(), "weight").getArray().set(oihw);
            setIdentityBatchNorm(slot.batchNorm(), bias(model, g, op, slot.out()));
        }
        if (graph.logits() != null) {
            Block dense = LayerStack.layer(layers, MobileNets.LOGITS).block();
            // A 1x1 conv's (O,1,1,I) and a dense layer's (O,I) share one element order.
            param(dense, "weight").getArray().set(TensorValues.dequantize(model, g.tensor(graph.logits().input(1))));
            param(dense, "bias").getArray().set(bias(model, g, graph.logits(), graph.numClasses()));
        }
    }

    private static float[] bias(TfliteModel model, TfliteSubgraph g, TfliteOperator op, int channels) {
        return op.input(2) < 0 ? new float[channels] : TensorValues.dequantize(model, g.tensor(op.input(2)));
    }

    private static void setIdentityBatchNorm(BatchNorm bn, float[] bias) {
        float[] gamma = new float[bias.length];
        Arrays.fill(gamma, (float) Math.sqrt(1.0 + Layers.BN_EPSILON));
        float[] ones = new float[bias.length];
        Arrays.fill(ones, 1f);
        param(bn, "gamma").getArray().set(gamma);
        param(bn, "beta").getArray().set(bias);
        param(bn, "runningMean").getArray().set(new float[bias.length]);
        param(bn, "runningVar").getArray().set(ones);
    }

    private static Parameter param(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null) {
            throw new IllegalStateException("no parameter " + name + " in " + block.getClass().getSimpleName());
        }
        return p;
    }

    /** TFLite CONV_2D (out, h, w, in) to DJL (out, in, h, w). */
    static float[] ohwiToOihw(float[] src, int[] shape) {
        int o = shape[0];
        int h = shape[1];
        int w = shape[2];
        int in = shape[3];
        float[] dst = new float[src.length];
        for (int a = 0; a < o; a++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < in; c++) {
                        dst[((a * in + c) * h + y) * w + x] = src[((a * h + y) * w + x) * in + c];
                    }
                }
            }
        }
        return dst;
    }

    /** TFLite DEPTHWISE_CONV_2D (1, h, w, out) to DJL (out, 1, h, w). */
    static float[] depthwiseToOihw(float[] src, int[] shape) {
        int h = shape[1];
        int w = shape[2];
        int o = shape[3];
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < o; c++) {
                    dst[(c * h + y) * w + x] = src[(y * w + x) * o + c];
                }
            }
        }
        return dst;
    }
}
