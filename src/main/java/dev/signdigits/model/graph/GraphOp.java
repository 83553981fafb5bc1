package dev.signdigits.model.graph;

import java.util.List;

/**
 * One inference step of a {@link FoldedGraph}, reading and writing tensors by id. Weight arrays
 * are copied in and out, so an op is a value.
 */
public sealed interface GraphOp {

    String name();

    List<Integer> inputs();

    int output();

    /**
     * A convolution with its batch norm folded in. Weights are {@code (out, in/groups, k, k)} as in
     * DJL and ONNX; a depthwise convolution has one group per channel, weights {@code (C, 1, k, k)}.
     *
     * @param pads  zero padding {top, left, bottom, right}; TensorFlow's SAME puts the odd extra
     *              row and column at the bottom and right
     * @param relu6 whether min(max(x, 0), 6) follows
     */
    record Conv(String name, int input, int output, int inChannels, int outChannels, int kernel, int stride,
                int[] pads, boolean depthwise, boolean relu6, float[] weights, float[] bias) implements GraphOp {
        public Conv {
            pads = pads.clone();
            weights = weights.clone();
            bias = bias.clone();
            int perFilter = (depthwise ? 1 : inChannels) * kernel * kernel;
            if (pads.length != 4 || weights.length != outChannels * perFilter || bias.length != outChannels
                    || (depthwise && inChannels != outChannels)) {
                throw new IllegalArgumentException("inconsistent convolution " + name);
            }
        }

        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }

        @Override
        public int[] pads() {
            return pads.clone();
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }

        public Conv withRelu6() {
            return new Conv(name, input, output, inChannels, outChannels, kernel, stride, pads, depthwise, true, weights, bias);
        }
    }

    /** Element-wise sum (a MobileNet v2 shortcut). */
    record Add(String name, int left, int right, int output) implements GraphOp {
        @Override
        public List<Integer> inputs() {
            return List.of(left, right);
        }
    }

    /** Mean over the spatial positions of a feature map: {@code (C, H, W)} to a vector of C. */
    record GlobalAveragePool(String name, int input, int output) implements GraphOp {
        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }
    }

    /** {@code y = W x + b} with W of shape {@code (outFeatures, inFeatures)}; outputs logits. */
    record Dense(String name, int input, int output, int inFeatures, int outFeatures, float[] weights, float[] bias)
            implements GraphOp {
        public Dense {
            weights = weights.clone();
            bias = bias.clone();
            if (weights.length != inFeatures * outFeatures || bias.length != outFeatures) {
                throw new IllegalArgumentException("inconsistent dense layer " + name);
            }
        }

        @Override
        public List<Integer> inputs() {
            return List.of(input);
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }
    }
}
