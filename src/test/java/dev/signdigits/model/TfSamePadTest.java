package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import dev.signdigits.system.NativeSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 3x3 stride-2 sum over an all-ones image shows where the padding went: each output counts the
 * real pixels its window covers.
 */
class TfSamePadTest {

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    private static float[] windowCounts(int size) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock conv = (SequentialBlock) Layers.paddedConv(1, 2);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size));
            Conv2d inner = Layers.convOf(conv);
            inner.getParameters().get("weight").getArray().set(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
            NDList out = conv.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 1, size, size))), false);
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(conv.getOutputShapes(new Shape[] {new Shape(1, 1, size, size)})[0]);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void evenInputPadsOnlyBottomAndRight() {
        // windows start at 0 and 2: the second overhangs into one padded row/column
        assertThat(windowCounts(4)).containsExactly(9, 6, 6, 4);
    }

    @Test
    void oddInputPadsBothSides() {
        assertThat(windowCounts(5)).containsExactly(4, 6, 4, 6, 9, 6, 4, 6, 4);
    }
}
