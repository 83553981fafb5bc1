package dev.signdigits.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import java.util.Random;

/**
 * Classifiers with DJL's initial weights and random batch-norm parameters and statistics, so that
 * folding batch norm into the convolutions is not the identity.
 */
public final class RandomizedNetworks {
    private RandomizedNetworks() {}

    public static List<NamedLayer> classifier(MobileNetSpec spec, int classes, NDManager manager, Random random) {
        List<NamedLayer> layers = MobileNets.classifier(spec, classes, 0.2f);
        SequentialBlock block = LayerStack.sequential(layers);
        block.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
        for (NamedLayer layer : LayerStack.flatten(layers)) {
            if (layer.block() instanceof BatchNorm bn) {
                set(bn, "gamma", random, 0.5f, 1.5f);
                set(bn, "beta", random, -0.5f, 0.5f);
                set(bn, "runningMean", random, -0.5f, 0.5f);
                set(bn, "runningVar", random, 0.5f, 2f);
            }
        }
        return layers;
    }

    public static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    private static void set(BatchNorm bn, String name, Random random, float lo, float hi) {
        Parameter p = bn.getParameters().get(name);
        float[] values = new float[(int) p.getArray().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + random.nextFloat() * (hi - lo);
        }
        p.getArray().set(values);
    }
}
