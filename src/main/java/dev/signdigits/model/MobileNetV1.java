package dev.signdigits.model;

import java.util.ArrayList;
import java.util.List;

/**
 * MobileNet v1 (Howard et al. 2017) as a flat list of Keras-named layers: a 3x3 stride-2
 * convolution, then 13 depthwise-separable blocks (3x3 depthwise conv, BN, ReLU6, 1x1 pointwise
 * conv, BN, ReLU6). Stride-2 blocks get an explicit TF-SAME pad layer {@code conv_pad_i}.
 */
public final class MobileNetV1 {
    /** Pointwise filters (at width 1.0) and depthwise stride of blocks 1..13. */
    private static final int[][] BLOCKS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
        {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}
    };

    private MobileNetV1() {}

    /** Layers {@code conv1} .. {@code conv_pw_13_relu}; output (N, 1024 x width, H/32, W/32). */
    public static List<NamedLayer> backbone(MobileNetSpec spec) {
        if (!MobileNetSpec.V1.equals(spec.architecture())) {
            throw new IllegalArgumentException("not a MobileNet v1 spec: " + spec);
        }
        List<NamedLayer> layers = new ArrayList<>();
        int channels = channels(32, spec.width());
        layers.add(new NamedLayer("conv1", Layers.paddedConv(channels, 2)));
        layers.add(new NamedLayer("conv1_bn", Layers.batchNorm()));
        layers.add(new NamedLayer("conv1_relu", Layers.relu6()));
        for (int i = 1; i <= BLOCKS.length; i++) {
            int filters = channels(BLOCKS[i - 1][0], spec.width());
            int stride = BLOCKS[i - 1][1];
            if (stride == 2) {
                layers.add(new NamedLayer("conv_pad_" + i, new TfSamePad(3, 2)));
            }
            layers.add(new NamedLayer("conv_dw_" + i, Layers.depthwise(channels, stride)));
            layers.add(new NamedLayer("conv_dw_" + i + "_bn", Layers.batchNorm()));
            layers.add(new NamedLayer("conv_dw_" + i + "_relu", Layers.relu6()));
            layers.add(new NamedLayer("conv_pw_" + i, Layers.conv(filters, 1, 1)));
            layers.add(new NamedLayer("conv_pw_" + i + "_bn", Layers.batchNorm()));
            layers.add(new NamedLayer("conv_pw_" + i + "_relu", Layers.relu6()));
            channels = filters;
        }
        return layers;
    }

    /** Channels at a width multiplier, as TF-slim and Keras round them (at least 8). */
    static int channels(int base, float width) {
        return Math.max(8, (int) (base * width));
    }
}
