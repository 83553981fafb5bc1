package dev.signdigits.model;

import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.signdigits.SignDigitsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one factory for every network the project trains, saves and loads. DJL parameter files are
 * positional, so a network must be rebuilt from the same (spec, classes) to load its weights.
 */
public final class MobileNets {
    public static final String GLOBAL_POOL = "global_pool";
    public static final String DROPOUT = "dropout";
    public static final String LOGITS = "logits";

    private MobileNets() {}

    /** The convolutional part, up to its last ReLU6; output (N, featureChannels, H/32, W/32). */
    public static List<NamedLayer> backbone(MobileNetSpec spec) {
        return MobileNetSpec.V1.equals(spec.architecture()) ? MobileNetV1.backbone(spec) : MobileNetV2.backbone(spec);
    }

    /**
     * The classifier head: {@code global_pool} (N,C,H,W to N,C), {@code dropout}, {@code logits}
     * (dense layer). No softmax: training uses softmax cross-entropy on logits; apply softmax at
     * inference.
     */
    public static List<NamedLayer> head(int numClasses, float dropout) {
        if (numClasses < 1) {
            throw new SignDigitsException("A classifier needs at least one class, got " + numClasses + ".");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new SignDigitsException("Dropout rate " + dropout + " is out of range; use 0 <= rate < 1.");
        }
        return List.of(
                new NamedLayer(GLOBAL_POOL, Pool.globalAvgPool2dBlock()),
                new NamedLayer(DROPOUT, Dropout.builder().optRate(dropout).build()),
                new NamedLayer(LOGITS, Linear.builder().setUnits(numClasses).build()));
    }

    /**
     * Same as {@link #head(int, float)}; {@code featureChannels} (the backbone's output width, the
     * dense layer's input) is only checked, since DJL infers it when the block is initialized.
     */
    public static List<NamedLayer> head(int numClasses, float dropout, int featureChannels) {
        if (featureChannels < 1) {
            throw new IllegalArgumentException("featureChannels must be positive: " + featureChannels);
        }
        return head(numClasses, dropout);
    }

    /** Backbone followed by {@code global_pool}: outputs the (N, featureChannels) embedding. */
    public static List<NamedLayer> featureExtractor(MobileNetSpec spec) {
        List<NamedLayer> layers = new ArrayList<>(backbone(spec));
        layers.add(new NamedLayer(GLOBAL_POOL, Pool.globalAvgPool2dBlock()));
        return List.copyOf(layers);
    }

    /** Backbone plus a fresh classifier head. */
    public static List<NamedLayer> classifier(MobileNetSpec spec, int numClasses, float dropout) {
        List<NamedLayer> layers = new ArrayList<>(backbone(spec));
        layers.addAll(head(numClasses, dropout));
        return List.copyOf(layers);
    }

    /** The network stored for {@code numClasses}: a feature extractor for 0, else a classifier. */
    public static List<NamedLayer> network(MobileNetSpec spec, int numClasses, float dropout) {
        return numClasses == 0 ? featureExtractor(spec) : classifier(spec, numClasses, dropout);
    }
}
