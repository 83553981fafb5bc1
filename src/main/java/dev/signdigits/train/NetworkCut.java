package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.NamedLayer;
import java.util.List;

/**
 * Where the frozen trunk ends. "Fine-tune the last N layers" counts layers from the end of the
 * network, head included, as Keras users count them. The cache stores trunk outputs as 8-bit
 * values in ReLU6's range, so the trunk must end at a ReLU6: the cut moves earlier (training one
 * or two more layers) until it does.
 */
final class NetworkCut {
    private NetworkCut() {}

    static int trunkSize(List<NamedLayer> layers, int fineTuneLayers) {
        if (fineTuneLayers >= layers.size()) {
            throw new SignDigitsException("--fine-tune-layers " + fineTuneLayers + " leaves nothing frozen: the network has "
                    + layers.size() + " layers; use at most " + (layers.size() - 2) + ".");
        }
        int cut = layers.size() - fineTuneLayers;
        while (cut > 1 && !isRelu(layers.get(cut - 1).name())) {
            cut--;
        }
        if (cut <= 1) {
            throw new SignDigitsException("--fine-tune-layers " + fineTuneLayers + " leaves no ReLU6 layer to cut at; use fewer.");
        }
        return cut;
    }

    private static boolean isRelu(String name) {
        return name.endsWith("_relu") || name.equals("out_relu");
    }
}
