package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.signdigits.system.NativeSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A convolution and its batch norm run as one convolution must compute what the two layers compute,
 * in inference ({@link StreamingForward} over whole networks) and in training (same gradients for the
 * convolution's weights and the batch norm's scale and shift), on networks whose batch norms are
 * far from the identity.
 */
public class ConvBatchNormTest {
    private static final int CLASSES = 5;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void streamingForwardWithFusedPairsMatchesTheLayersOneByOne() {
        for (MobileNetSpec spec : List.of(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 75),
                new MobileNetSpec(MobileNetSpec.V2, 0.5f, 64))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Random random = new Random(11);
                List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, random);
                SequentialBlock block = LayerStack.sequential(layers);
                ParameterStore store = new ParameterStore(manager, false);
                NDArray x = manager.create(RandomizedNetworks.uniform(random, 2 * 3 * spec.inputSize() * spec.inputSize()),
                        spec.inputShape(2));
                float[] expected = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                float[] fused = StreamingForward.run(block.getChildren().values(), store, new NDList(x))
                        .singletonOrThrow().toFloatArray();
                assertClose(fused, expected, 1e-4f, spec.architecture());
            }
        }
    }

    @Test
    void gradientsReachTheConvolutionWeightsAndTheBatchNormScaleAndShift() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random random = new Random(5);
            MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V1, 0.25f, 32);
            List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, random);
            // conv1 is TF-SAME pad + convolution in one layer; conv_dw_2 is depthwise; conv_pw_2 is 1x1.
            for (String name : List.of("conv1", "conv_dw_2", "conv_pw_2")) {
                Block conv = LayerStack.layer(layers, name).block();
                BatchNorm bn = (BatchNorm) LayerStack.layer(layers, name + "_bn").block();
                conv.freezeParameters(false);
                bn.freezeParameters(false, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                        && p.getType() != Parameter.Type.RUNNING_VAR);
                ai.djl.nn.convolutional.Conv2d inner = Layers.convOf(conv);
                long inChannels = inner.getParameters().get("weight").getArray().getShape().get(1) * inner.getGroups();
                NDArray x = manager.create(RandomizedNetworks.uniform(random, (int) (2 * inChannels * 16 * 16)),
                        new Shape(2, inChannels, 16, 16));
                List<Parameter> params = List.of(inner.getParameters().get("weight"), bn.getParameters().get("gamma"),
                        bn.getParameters().get("beta"));
                ParameterStore store = new ParameterStore(manager, false);

                List<float[]> separate = gradients(params, () -> {
                    NDList y = bn.forward(store, conv.forward(store, new NDList(x), true), false);
                    return y.singletonOrThrow();
                }, manager);
                List<float[]> fused = gradients(params,
                        () -> ConvBatchNorm.forward(store, conv, bn, new NDList(x), true).singletonOrThrow(), manager);
                for (int i = 0; i < params.size(); i++) {
                    assertClose(fused.get(i), separate.get(i), 1e-3f, name + " gradient of " + params.get(i).getName());
                }
            }
        }
    }

    @Test
    void leavesNothingInTheModelsManagerAfterACall() {
        try (NDManager model = NDManager.newBaseManager()) {
            MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V1, 0.25f, 32);
            List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, model, new Random(3));
            SequentialBlock block = LayerStack.sequential(layers);
            ParameterStore store = new ParameterStore(model, false);
            long before = model.getManagedArrays().size();
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager step = model.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = step.create(RandomizedNetworks.uniform(new Random(4), 3 * 32 * 32), spec.inputShape(1));
                    Block conv = LayerStack.layer(layers, "conv_pw_2").block();
                    BatchNorm bn = (BatchNorm) LayerStack.layer(layers, "conv_pw_2_bn").block();
                    NDArray in = step.create(RandomizedNetworks.uniform(new Random(6), 2 * 16 * 8 * 8), new Shape(2, 16, 8, 8));
                    ConvBatchNorm.forward(store, conv, bn, new NDList(in), training);
                    StreamingForward.run(block.getChildren().values(), store, new NDList(x));
                }
                assertThat(model.getManagedArrays()).as("training %s", training).hasSize((int) before);
            }
        }
    }

    /** Gradients of sum(output * fixed random weights) for each parameter. */
    private static List<float[]> gradients(List<Parameter> params, java.util.function.Supplier<NDArray> forward,
                                           NDManager manager) {
        List<float[]> out = new ArrayList<>();
        try (NDManager step = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = forward.get();
            NDArray probe = step.create(RandomizedNetworks.uniform(new Random(9), (int) y.size()), y.getShape());
            collector.backward(y.mul(probe).sum());
            for (Parameter p : params) {
                NDArray grad = p.getArray().getGradient();
                out.add(grad.toFloatArray());
                grad.subi(grad);
            }
        }
        return out;
    }

    public static void assertClose(float[] actual, float[] expected, float relative, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).as(what + ": reference is all zeros").isGreaterThan(0f);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s [%d]", what, i).isCloseTo(expected[i], within(relative * scale));
        }
    }
}
