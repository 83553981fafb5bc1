package dev.signdigits.model;

import ai.djl.nn.Block;
import java.util.Objects;

/** One layer of a network: a Keras-style name ("conv_dw_3_bn") and the DJL block that computes it. */
public record NamedLayer(String name, Block block) {
    public NamedLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(block, "block");
    }
}
