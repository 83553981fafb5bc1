package dev.signdigits.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** A SequentialBlock whose children carry the layer names (e.g. "05conv_dw_1") instead of class names. */
final class NamedSequentialBlock extends SequentialBlock {
    NamedSequentialBlock add(NamedLayer layer) {
        addChildBlock(layer.name(), layer.block());
        return this;
    }

    @Override
    public SequentialBlock add(Block block) {
        addChildBlock(block.getClass().getSimpleName(), block);
        return this;
    }
}
