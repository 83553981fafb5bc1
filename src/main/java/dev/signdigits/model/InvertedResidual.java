package dev.signdigits.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A MobileNet v2 block with a shortcut (stride 1, same channels in and out): its named parts run
 * in order and the block's input is added to their output. Kept as one layer of the flat list;
 * {@link #parts()} exposes the inner layers (expand, depthwise, project) for import and summaries.
 */
public final class InvertedResidual extends AbstractBlock {
    private final List<NamedLayer> parts;

    public InvertedResidual(List<NamedLayer> parts) {
        this.parts = List.copyOf(parts);
        for (NamedLayer part : this.parts) {
            addChildBlock(part.name(), part.block());
        }
    }

    public List<NamedLayer> parts() {
        return parts;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (NamedLayer part : parts) {
            current = part.block().forward(store, current, training, params);
        }
        return new NDList(current.singletonOrThrow().add(inputs.singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (NamedLayer part : parts) {
            part.block().initialize(manager, dataType, shapes);
            shapes = part.block().getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
