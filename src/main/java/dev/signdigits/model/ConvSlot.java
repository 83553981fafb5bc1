package dev.signdigits.model;

import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution of our network with what follows it: its batch norm and whether a ReLU6 comes
 * next. In execution order these line up one to one with the folded convolutions of a TFLite
 * MobileNet, which is how weights are matched.
 *
 * @param in  input channels (known from the chain, before any initialization)
 */
public record ConvSlot(String name, Conv2d conv, BatchNorm batchNorm, int in, boolean relu6) {

    public int out() {
        return conv.getFilters();
    }

    public int kernel() {
        return (int) conv.getKernelShape().get(0);
    }

    public int stride() {
        return (int) conv.getStride().get(0);
    }

    public boolean depthwise() {
        return conv.getGroups() > 1;
    }

    /** The conv slots of a layer list (residual blocks opened), each followed by its batch norm. */
    public static List<ConvSlot> of(List<NamedLayer> layers) {
        List<NamedLayer> flat = LayerStack.flatten(layers);
        List<ConvSlot> slots = new ArrayList<>();
        int channels = 3;
        for (int i = 0; i < flat.size(); i++) {
            Conv2d conv = Layers.convOf(flat.get(i).block());
            if (conv == null) {
                continue;
            }
            if (i + 1 >= flat.size() || !(flat.get(i + 1).block() instanceof BatchNorm bn)) {
                throw new IllegalStateException("convolution " + flat.get(i).name() + " is not followed by batch norm");
            }
            boolean relu6 = i + 2 < flat.size() && flat.get(i + 2).name().endsWith("relu");
            slots.add(new ConvSlot(flat.get(i).name(), conv, bn, channels, relu6));
            channels = conv.getFilters();
        }
        return slots;
    }
}
