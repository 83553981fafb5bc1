package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.signdigits.system.NativeSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our one-op ReLU6 computes DJL's ReLU6, and passes gradients only inside [0, 6]. */
class LayersTest {
    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void relu6ClampsToZeroSixWithTheMatchingGradient() {
        float[] values = {-3f, -0.5f, 0.25f, 2f, 5.9f, 6.5f, 40f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(values);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Layers.relu6().forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                assertThat(y.toFloatArray()).containsExactly(Activation.relu6(manager.create(values)).toFloatArray());
                collector.backward(y.sum());
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(0f, 0f, 1f, 1f, 1f, 0f, 0f);
        }
    }
}
