package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.signdigits.system.NativeSetup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channels-last copy keeps the values, their NCHW indexing, and never shares memory with its
 * source. DJL wraps a direct buffer handed to {@code create} without copying, so overwriting that
 * buffer shows whether the copy still reads it (as a view would, for pointwise and depthwise
 * weights, until the buffer was freed and the djl runtime answered NaN).
 */
class ChannelsLastTest {
    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void copiesEveryShapeAndOutlivesItsSourceBuffer() {
        for (Shape shape : List.of(new Shape(2, 3, 4, 5), new Shape(8, 6, 1, 1), new Shape(6, 1, 3, 3), new Shape(1, 1, 2, 2))) {
            int n = (int) shape.size();
            ByteBuffer direct = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
                direct.putFloat(4 * i, i);
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray source = manager.create(direct, shape, DataType.FLOAT32);
                float[] expected = source.toFloatArray();
                NDArray copy = ChannelsLast.copy(source);
                source.close();
                for (int i = 0; i < n; i++) {
                    direct.putFloat(4 * i, Float.NaN);
                }
                assertThat(copy.getShape()).as("%s", shape).isEqualTo(shape);
                assertThat(copy.toFloatArray()).as("%s", shape).containsExactly(expected);
            }
        }
    }
}
