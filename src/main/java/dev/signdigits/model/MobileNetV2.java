package dev.signdigits.model;

import java.util.ArrayList;
import java.util.List;

/**
 * MobileNet v2 (Sandler et al. 2018): inverted residual blocks with linear bottlenecks and ReLU6,
 * as in TF-slim (whose weights the TFLite files hold) with Keras layer names. Blocks with a
 * shortcut are one {@link InvertedResidual} layer named {@code block_i}; the others are flat.
 */
public final class MobileNetV2 {
    /** Expansion t, output channels c (at width 1.0), repeats n, first stride s. */
    private static final int[][] STAGES = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}
    };

    private MobileNetV2() {}

    /** Layers {@code Conv1} .. {@code out_relu}; output (N, 1280, H/32, W/32) for widths up to 1.0. */
    public static List<NamedLayer> backbone(MobileNetSpec spec) {
        if (!MobileNetSpec.V2.equals(spec.architecture())) {
            throw new IllegalArgumentException("not a MobileNet v2 spec: " + spec);
        }
        List<NamedLayer> layers = new ArrayList<>();
        int channels = makeDivisible(32 * spec.width());
        layers.add(new NamedLayer("Conv1", Layers.paddedConv(channels, 2)));
        layers.add(new NamedLayer("bn_Conv1", Layers.batchNorm()));
        layers.add(new NamedLayer("Conv1_relu", Layers.relu6()));
        int block = 0;
        for (int[] stage : STAGES) {
            int out = makeDivisible(stage[1] * spec.width());
            for (int r = 0; r < stage[2]; r++) {
                int stride = r == 0 ? stage[3] : 1;
                List<NamedLayer> parts = block(block, channels, out, stage[0], stride);
                if (stride == 1 && channels == out) {
                    layers.add(new NamedLayer("block_" + block, new InvertedResidual(parts)));
                } else {
                    layers.addAll(parts);
                }
                channels = out;
                block++;
            }
        }
        int last = lastChannels(spec.width());
        layers.add(new NamedLayer("Conv_1", Layers.conv(last, 1, 1)));
        layers.add(new NamedLayer("Conv_1_bn", Layers.batchNorm()));
        layers.add(new NamedLayer("out_relu", Layers.relu6()));
        return layers;
    }

    private static List<NamedLayer> block(int index, int in, int out, int expansion, int stride) {
        String prefix = index == 0 ? "expanded_conv_" : "block_" + index + "_";
        List<NamedLayer> parts = new ArrayList<>();
        int hidden = in;
        if (expansion != 1) {
            hidden = makeDivisible(in * expansion);
            parts.add(new NamedLayer(prefix + "expand", Layers.conv(hidden, 1, 1)));
            parts.add(new NamedLayer(prefix + "expand_BN", Layers.batchNorm()));
            parts.add(new NamedLayer(prefix + "expand_relu", Layers.relu6()));
        }
        if (stride == 2) {
            parts.add(new NamedLayer(prefix + "pad", new TfSamePad(3, 2)));
        }
        parts.add(new NamedLayer(prefix + "depthwise", Layers.depthwise(hidden, stride)));
        parts.add(new NamedLayer(prefix + "depthwise_BN", Layers.batchNorm()));
        parts.add(new NamedLayer(prefix + "depthwise_relu", Layers.relu6()));
        parts.add(new NamedLayer(prefix + "project", Layers.conv(out, 1, 1)));
        parts.add(new NamedLayer(prefix + "project_BN", Layers.batchNorm()));
        return parts;
    }

    /** The final 1x1 convolution keeps 1280 channels for widths up to 1.0 (TF-slim, Keras). */
    static int lastChannels(float width) {
        return width > 1.0f ? makeDivisible(1280 * width) : 1280;
    }

    /** Rounds to a multiple of 8, at least 8, never more than 10% below the exact value. */
    static int makeDivisible(float value) {
        int rounded = Math.max(8, (int) (value + 4) / 8 * 8);
        return rounded < 0.9f * value ? rounded + 8 : rounded;
    }
}
