package dev.signdigits.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The network a run fine-tunes: the imported backbone plus a new head, initialized (head seeded by
 * the engine's random seed), cut into a frozen trunk and a trained tail. The blocks are shared: the
 * trunk and the tail run the weights of {@code full}, which is what gets saved.
 *
 * @param spec   the backbone's spec at the run's input size
 * @param layers every layer, backbone then head
 * @param cut    index of the first trained layer
 * @param trunk  layers {@code [0, cut)}, frozen
 * @param full   every layer, as one block
 */
record FineTuneNetwork(MobileNetSpec spec, List<NamedLayer> layers, int cut, SequentialBlock trunk, SequentialBlock full) {

    static FineTuneNetwork build(ImportedBackbone backbone, int classes, int inputSize, float dropout, int fineTuneLayers,
                                 NDManager manager) {
        MobileNetSpec spec = backbone.spec().withInputSize(inputSize);
        List<NamedLayer> layers = new ArrayList<>(backbone.backbone());
        layers.addAll(MobileNets.head(classes, dropout, spec.featureChannels()));
        int cut = NetworkCut.trunkSize(layers, fineTuneLayers);
        SequentialBlock trunk = LayerStack.sequential(layers.subList(0, cut));
        trunk.freezeParameters(true);
        SequentialBlock full = LayerStack.sequential(layers);
        full.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
        trunk.freezeParameters(true);
        return new FineTuneNetwork(spec, List.copyOf(layers), cut, trunk, full);
    }

    /** The trained layers {@code [cut, end)}. */
    TailNetwork tail() {
        return tailFrom(cut);
    }

    /** Layers {@code [from, end)} as a tail network (from 0: the whole network). */
    TailNetwork tailFrom(int from) {
        return new TailNetwork(layers.subList(from, layers.size()).stream()
                .map(l -> new TailNetwork.Layer(l.name(), l.block())).toList());
    }
}
