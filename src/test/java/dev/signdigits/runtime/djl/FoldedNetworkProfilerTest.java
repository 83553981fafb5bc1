package dev.signdigits.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.system.NativeSetup;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.RandomizedNetworks;
import dev.signdigits.model.graph.GraphFolder;

/**
 * The benchmarks' per-op profile of the djl runtime (src/bench) re-runs {@link FoldedNetwork#forward}
 * op by op: it must compute exactly the same logits, and report every native op of a call.
 */
class FoldedNetworkProfilerTest {
    private static final int CLASSES = 7;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void reportsEveryOpOfACallToItsTimerWithoutChangingTheResult() {
        MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V1, 0.25f, 64);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, new Random(8));
            float[] input = RandomizedNetworks.uniform(new Random(9), 3 * 64 * 64);
            Map<String, Integer> ops = new TreeMap<>();
            FoldedGraph graph = GraphFolder.fold(layers, 64);
            try (FoldedNetwork folded = new FoldedNetwork(graph, manager);
                 NDManager call = manager.newSubManager()) {
                float[] plain = folded.forward(call, input, 1, 64).toFloatArray();
                float[] timed = new FoldedNetworkProfiler(folded, graph).forward(call, input, 1, 64, (kind, nanos) -> {
                    assertThat(nanos).as(kind).isNotNegative();
                    ops.merge(kind, 1, Integer::sum);
                }).toFloatArray();
                assertThat(timed).containsExactly(plain);
            }
            // MobileNet v1: a full 3x3 convolution, 13 depthwise-separable blocks, pooling and the
            // dense head. TF-SAME's uneven pads of the stride-2 layers at this even size are folded
            // into grown kernels, so no separate pad op runs.
            assertThat(ops).containsEntry("full conv", 1).containsEntry("depthwise conv", 13)
                    .containsEntry("pointwise conv", 13).containsEntry("clamp (ReLU6)", 27)
                    .containsEntry("average pool", 1).containsEntry("dense", 1)
                    .containsEntry("input (copy in, channels-last)", 1).containsEntry("free activations", 29)
                    .doesNotContainKey("pad (TF-SAME, stride 2)");
        }
    }

    @Test
    void givesTheForwardPassesLogitsForResidualAddsAndOddSizesToo() {
        for (MobileNetSpec spec : List.of(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 75),
                new MobileNetSpec(MobileNetSpec.V2, 0.5f, 64))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Random random = new Random(23);
                List<NamedLayer> layers = RandomizedNetworks.classifier(spec, CLASSES, manager, random);
                int size = spec.inputSize();
                float[] input = RandomizedNetworks.uniform(random, 2 * 3 * size * size);
                Map<String, Integer> ops = new TreeMap<>();
                FoldedGraph graph = GraphFolder.fold(layers, size);
                try (FoldedNetwork folded = new FoldedNetwork(graph, manager);
                     NDManager call = manager.newSubManager()) {
                    float[] plain = folded.forward(call, input, 2, size).toFloatArray();
                    float[] timed = new FoldedNetworkProfiler(folded, graph)
                            .forward(call, input, 2, size, (kind, nanos) -> ops.merge(kind, 1, Integer::sum))
                            .toFloatArray();
                    assertThat(timed).as(spec.architecture()).containsExactly(plain);
                }
                assertThat(ops.get("free activations")).as(spec.architecture()).isEqualTo(graph.ops().size());
                if (spec.architecture().equals(MobileNetSpec.V2)) {
                    assertThat(ops).containsKey("add");
                }
            }
        }
    }
}
