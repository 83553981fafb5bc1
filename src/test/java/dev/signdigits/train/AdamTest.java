package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import dev.signdigits.system.NativeSetup;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's fused Adam update does what our Adam promises: Keras epsilon, L2 weight decay added to
 * the gradient, bias correction, gradient zeroed after the step. Checked against the formulas in
 * double precision over several steps with changing gradients.
 */
class AdamTest {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final double EPSILON = 1e-7;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void updatesLikeTheFormulasAndZeroesTheGradient() {
        double[] w = {0.5, -1.25, 2.0};
        double[] m = new double[3];
        double[] v = new double[3];
        float lr = 0.01f;
        float decay = 0.1f;
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build();
            p.setShape(new Shape(3));
            p.setInitializer(new ConstantInitializer(0f));
            p.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
            p.getArray().set(new float[] {0.5f, -1.25f, 2.0f});
            p.getArray().setRequiresGradient(true);
            try (Adam adam = new Adam(Map.of("w", p), manager, decay)) {
                for (int step = 1; step <= 4; step++) {
                    double[] c = {step, -2.0 / step, 0.5};
                    NDArray coefficients = manager.create(new float[] {(float) c[0], (float) c[1], (float) c[2]});
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        // loss = sum(c * w^2) / 2: gradient c * w
                        collector.backward(p.getArray().square().mul(coefficients).sum().div(2));
                    }
                    adam.update(lr);
                    double correction = lr * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
                    for (int i = 0; i < 3; i++) {
                        double g = c[i] * w[i] + decay * w[i];
                        m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                        v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                        w[i] -= correction * m[i] / (Math.sqrt(v[i]) + EPSILON);
                    }
                    float[] actual = p.getArray().toFloatArray();
                    for (int i = 0; i < 3; i++) {
                        assertThat((double) actual[i]).as("step %d, weight %d", step, i).isCloseTo(w[i], within(1e-5));
                    }
                    assertThat(p.getArray().getGradient().toFloatArray()).containsOnly(0f);
                }
                assertThat(adam.step()).isEqualTo(4);
            }
        }
    }
}
