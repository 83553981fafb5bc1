package dev.signdigits.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The few layer kinds MobileNets are made of, configured once so every builder agrees. */
public final class Layers {
    /** Keras' MobileNet batch-norm epsilon; the importer compensates for it exactly. */
    public static final float BN_EPSILON = 1e-3f;
    /** DJL momentum (weight of the running average): 0.9 = PyTorch's 0.1. */
    static final float BN_MOMENTUM = 0.9f;

    private Layers() {}

    /** Convolution without bias (batch norm follows); 3x3 stride 1 pads 1, others pad 0. */
    static Conv2d conv(int filters, int kernel, int stride) {
        int pad = kernel == 3 && stride == 1 ? 1 : 0;
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
    }

    /** 3x3 depthwise convolution: one filter per channel (groups = channels). */
    static Conv2d depthwise(int channels, int stride) {
        int pad = stride == 1 ? 1 : 0;
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels).optGroups(channels)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
    }

    /** A stride-2 3x3 convolution with TensorFlow's SAME padding in front, as one layer. */
    static Block paddedConv(int filters, int stride) {
        return new SequentialBlock().add(new TfSamePad(3, stride)).add(conv(filters, 3, stride));
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }

    /**
     * ReLU6 as one clamp: one native op forward and one cheap mask backward. DJL's own relu6 is a
     * ReLU followed by a minimum against a freshly made scalar tensor: two passes forward and six
     * backward (the minimum's gradient splits ties), which measured a quarter of a full training
     * step. Same values; same saved format (a parameterless lambda block), so models load as before.
     */
    static Block relu6() {
        return new LambdaBlock(x -> new NDList(x.singletonOrThrow().clip(0f, 6f)), "ReLU6");
    }

    /** The convolution a layer computes: the block itself, or the last child of a padded conv. */
    public static Conv2d convOf(Block block) {
        if (block instanceof Conv2d conv) {
            return conv;
        }
        if (block instanceof SequentialBlock seq && !seq.getChildren().isEmpty()) {
            Block last = seq.getChildren().get(seq.getChildren().size() - 1).getValue();
            return last instanceof Conv2d conv ? conv : null;
        }
        return null;
    }
}
