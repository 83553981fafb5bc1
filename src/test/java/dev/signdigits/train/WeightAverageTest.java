package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import dev.signdigits.system.NativeSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeightAverageTest {
    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void theMeanOfTheLastEpochsSurvivesACheckpointAndReplacesTheWeights() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> tail = new LinkedHashMap<>();
            tail.put("dense.weight", parameter(manager, 3));
            tail.put("dense.bias", parameter(manager, 1));
            WeightAverage average = new WeightAverage();
            assertThat(average.epochs()).isZero();

            set(tail, new float[] {1, 2, 3}, new float[] {10});
            average.add(14, tail);
            set(tail, new float[] {3, 2, -3}, new float[] {20});
            average.add(15, tail);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            average.write(new DataOutputStream(bytes));
            WeightAverage resumed = WeightAverage.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(resumed.epochs()).isEqualTo(2);
            assertThat(resumed.firstEpoch()).isEqualTo(14);

            set(tail, new float[] {5, 5, 6}, new float[] {0});
            resumed.add(16, tail);
            resumed.applyTo(tail);
            assertThat(tail.get("dense.weight").getArray().toFloatArray()).containsExactly(3f, 3f, 2f);
            assertThat(tail.get("dense.bias").getArray().toFloatArray()).containsExactly(10f);
            assertThat(resumed.epochs()).isEqualTo(3);
            assertThat(resumed.firstEpoch()).isEqualTo(14);
        }
    }

    @Test
    void weightsOfAnotherShapeAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WeightAverage average = new WeightAverage();
            average.add(1, Map.of("w", parameter(manager, 3)));
            assertThatThrownBy(() -> average.applyTo(Map.of("w", parameter(manager, 4))))
                    .hasMessageContaining("do not fit parameter w");
        }
    }

    @Test
    void averagingNeverReachesIntoTheFirstHalfOfARun() {
        assertThat(config(16, 6).averagedEpochs()).isEqualTo(6);
        assertThat(config(4, 6).averagedEpochs()).isEqualTo(2);
        assertThat(config(1, 6).averagedEpochs()).isZero();
        assertThat(config(16, 0).averagedEpochs()).isZero();
        assertThat(config(16, 6).asMap()).containsEntry("average_epochs", "6");
        assertThat(config(16, 0).asMap()).doesNotContainKey("average_epochs");
    }

    private static TrainingConfig config(int epochs, int average) {
        java.nio.file.Path p = java.nio.file.Path.of("x");
        return new TrainingConfig(p, p, p, "mobilenet_v1_1.0_224", 160, 34, epochs, 32, 5e-4f, 1e-4f, 0.3f, 0.1f, 8, true, 10,
                42, true, 2, "off", average);
    }

    private static Parameter parameter(NDManager manager, int size) {
        Parameter p = Parameter.builder().setName("p").setType(Parameter.Type.WEIGHT).build();
        p.setShape(new Shape(size));
        p.setInitializer(new ConstantInitializer(0f));
        p.initialize(manager, DataType.FLOAT32);
        return p;
    }

    private static void set(Map<String, Parameter> tail, float[] weight, float[] bias) {
        tail.get("dense.weight").getArray().set(weight);
        tail.get("dense.bias").getArray().set(bias);
    }
}
