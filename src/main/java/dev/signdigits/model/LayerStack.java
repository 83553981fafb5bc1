package dev.signdigits.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.signdigits.SignDigitsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations on a network as a flat list of named layers: make it a DJL block, find a layer, cut
 * it into a trunk (run once, frozen, outputs cached) and a tail (fine-tuned), freeze by count.
 * The blocks are shared, not copied: a trunk and a tail cut from one list keep its weights.
 */
public final class LayerStack {
    private LayerStack() {}

    /** A trunk {@code layers[0..k)} and a tail {@code layers[k..]}. */
    public record Split(List<NamedLayer> trunk, List<NamedLayer> tail) {
        public Split {
            trunk = List.copyOf(trunk);
            tail = List.copyOf(tail);
        }
    }

    /** A SequentialBlock running the layers in order; its children are named after the layers. */
    public static SequentialBlock sequential(List<NamedLayer> layers) {
        NamedSequentialBlock block = new NamedSequentialBlock();
        layers.forEach(block::add);
        return block;
    }

    public static List<String> names(List<NamedLayer> layers) {
        return layers.stream().map(NamedLayer::name).toList();
    }

    /** Index of the layer called {@code name}; a clear error listing valid names otherwise. */
    public static int indexOf(List<NamedLayer> layers, String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SignDigitsException("No layer named '" + name + "'; the layers are " + names(layers) + ".");
    }

    public static NamedLayer layer(List<NamedLayer> layers, String name) {
        return layers.get(indexOf(layers, name));
    }

    /** Cuts before layer {@code k} (0 = everything in the tail, size = everything in the trunk). */
    public static Split split(List<NamedLayer> layers, int k) {
        if (k < 0 || k > layers.size()) {
            throw new SignDigitsException("Cannot cut a network of " + layers.size() + " layers at " + k
                    + "; use 0 to " + layers.size() + ".");
        }
        return new Split(layers.subList(0, k), layers.subList(k, layers.size()));
    }

    /** Cuts so that the last {@code n} layers form the tail. */
    public static Split splitLast(List<NamedLayer> layers, int n) {
        return split(layers, layers.size() - n);
    }

    /** Cuts before the layer called {@code name} (it starts the tail). */
    public static Split splitBefore(List<NamedLayer> layers, String name) {
        return split(layers, indexOf(layers, name));
    }

    /** Freezes every layer but the last {@code n}, unfreezes those (running BN statistics stay untrainable). */
    public static void freezeAllButLast(List<NamedLayer> layers, int n) {
        Split split = splitLast(layers, n);
        split.trunk().forEach(layer -> layer.block().freezeParameters(true));
        split.tail().forEach(layer -> layer.block().freezeParameters(false, p -> isTrainable(p.getType())));
    }

    /** The layers with their residual blocks opened up into their parts, in execution order. */
    public static List<NamedLayer> flatten(List<NamedLayer> layers) {
        List<NamedLayer> flat = new ArrayList<>();
        for (NamedLayer layer : layers) {
            Block block = layer.block();
            if (block instanceof InvertedResidual residual) {
                flat.addAll(flatten(residual.parts()));
            } else {
                flat.add(layer);
            }
        }
        return flat;
    }

    private static boolean isTrainable(ai.djl.nn.Parameter.Type type) {
        return type != ai.djl.nn.Parameter.Type.RUNNING_MEAN && type != ai.djl.nn.Parameter.Type.RUNNING_VAR;
    }
}
