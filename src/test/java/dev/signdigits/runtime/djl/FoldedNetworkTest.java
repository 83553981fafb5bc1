package dev.signdigits.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.signdigits.system.NativeSetup;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.signdigits.model.ConvBatchNormTest;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.RandomizedNetworks;
import dev.signdigits.model.graph.GraphFolder;

/**
 * The folded network the djl runtime serves against the trained network layer by layer: v1 at an
 * input size with uneven TF-SAME pads, v2 with its residual adds, random batch-norm statistics.
 */
class FoldedNetworkTest {
    private static final int CLASSES = 7;
    private static final int IMAGES = 3;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void computesTheTrainedNetworksLogits() {
        for (MobileNetSpec spec : List.of(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 75),
                new MobileNetSpec(MobileNetSpec.V2, 0.5f, 64))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Random random = new Random(21);
                List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, random);
                SequentialBlock block = LayerStack.sequential(layers);
                int size = spec.inputSize();
                float[] input = RandomizedNetworks.uniform(random, IMAGES * 3 * size * size);
                float[] expected = block.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(input, spec.inputShape(IMAGES))), false).singletonOrThrow().toFloatArray();
                try (FoldedNetwork folded = new FoldedNetwork(GraphFolder.fold(layers, size), manager);
                     NDManager call = manager.newSubManager()) {
                    NDArray logits = folded.forward(call, input, IMAGES, size);
                    assertThat(logits.getShape().getShape()).containsExactly(IMAGES, CLASSES);
                    ConvBatchNormTest.assertClose(logits.toFloatArray(), expected, 1e-4f, spec.architecture());
                }
            }
        }
    }

    @Test
    void freesEveryActivationOfACallButTheLogits() {
        MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V1, 0.25f, 64);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, new Random(2));
            try (FoldedNetwork folded = new FoldedNetwork(GraphFolder.fold(layers, 64), manager);
                 NDManager call = manager.newSubManager()) {
                folded.forward(call, new float[3 * 64 * 64], 1, 64);
                // Only the input and the logits remain, besides the clamps' 0-d bounds: every
                // activation (27 convolutions, pads, pooling) was closed once read.
                assertThat(call.getManagedArrays().stream().filter(a -> a.size() > 1).map(a -> a.getShape().size()))
                        .containsExactlyInAnyOrder(3L * 64 * 64, (long) CLASSES);
            }
        }
    }
}
