package dev.signdigits.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Checks loaded parameter shapes against what the factory's layers need. DJL's loader reads
 * arrays positionally and accepts any shape, so a parameter file from another width would load
 * and only fail (or silently misbehave) at the first forward pass.
 */
public final class ParameterShapes {
    private ParameterShapes() {}

    /** The first parameter whose shape is wrong, described, or null if all fit. */
    public static String mismatch(List<NamedLayer> layers, int numClasses, int featureChannels) {
        for (ConvSlot slot : ConvSlot.of(layers)) {
            int groups = slot.conv().getGroups();
            String wrong = check(slot.name(), slot.conv(), "weight",
                    new Shape(slot.out(), slot.in() / groups, slot.kernel(), slot.kernel()));
            for (String name : new String[] {"gamma", "beta", "runningMean", "runningVar"}) {
                wrong = wrong != null ? wrong : check(slot.name() + " batch norm", slot.batchNorm(), name, new Shape(slot.out()));
            }
            if (wrong != null) {
                return wrong;
            }
        }
        if (numClasses > 0) {
            Block logits = LayerStack.layer(layers, MobileNets.LOGITS).block();
            String wrong = check(MobileNets.LOGITS, logits, "weight", new Shape(numClasses, featureChannels));
            return wrong != null ? wrong : check(MobileNets.LOGITS, logits, "bias", new Shape(numClasses));
        }
        return null;
    }

    private static String check(String layer, Block block, String name, Shape expected) {
        Parameter p = block.getParameters().get(name);
        Shape actual = p == null ? null : p.getShape();
        if (!expected.equals(actual)) {
            return layer + " " + name + " has shape " + actual + " instead of " + expected;
        }
        return null;
    }
}
