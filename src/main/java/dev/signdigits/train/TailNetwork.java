package dev.signdigits.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.signdigits.model.ChannelsLast;
import dev.signdigits.model.ConvBatchNorm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable end of the network: the last layers of the backbone plus the new head, run on
 * cached trunk features. Batch norm runs in inference mode even while training (its scale and
 * shift still learn): the imported weights have batch norm folded in with identity statistics, and
 * batch statistics from 32 photos would both change the pretrained function and add noise. This is
 * also what Keras does for fine-tuning with frozen statistics. It also lets each convolution and
 * its batch norm run as one convolution ({@link ConvBatchNorm}).
 */
final class TailNetwork {

    /** One layer of the tail with its stable name. */
    record Layer(String name, Block block) {}

    private final List<Layer> layers;

    TailNetwork(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    NDList forward(ParameterStore store, NDList input, boolean training) {
        NDList current = new NDList(ChannelsLast.copy(input.singletonOrThrow())); // see ChannelsLast
        for (int i = 0; i < layers.size(); i++) {
            Block block = layers.get(i).block();
            if (i + 1 < layers.size() && ConvBatchNorm.fusable(block, layers.get(i + 1).block())) {
                current = ConvBatchNorm.forward(store, block, (BatchNorm) layers.get(++i).block(), current, training);
            } else {
                current = block.forward(store, current, training && !(block instanceof BatchNorm));
            }
        }
        return current;
    }

    /** Every parameter that learns, by "layer.parameter" name; BN running statistics excluded. */
    Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Pair<String, Parameter> p : layer.block().getParameters()) {
                Parameter param = p.getValue();
                if (param.requiresGradient()) {
                    out.put(layer.name() + "." + p.getKey(), param);
                }
            }
        }
        return out;
    }

    /** Every parameter including statistics, for checkpoints. */
    Map<String, Parameter> allParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Pair<String, Parameter> p : layer.block().getParameters()) {
                out.put(layer.name() + "." + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    List<Layer> layers() {
        return layers;
    }
}
