package dev.signdigits.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.signdigits.SignDigitsException;
import dev.signdigits.system.NativeSetup;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer contract training relies on, and sizes checked against the published Keras models. */
class MobileNetFactoryTest {

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void v1IsAFlatListWithKerasNames() {
        List<String> names = LayerStack.names(MobileNets.backbone(MobileNetSpec.defaultV1()));

        assertThat(names).startsWith("conv1", "conv1_bn", "conv1_relu", "conv_dw_1", "conv_dw_1_bn", "conv_dw_1_relu",
                "conv_pw_1", "conv_pw_1_bn", "conv_pw_1_relu", "conv_pad_2", "conv_dw_2");
        assertThat(names).endsWith("conv_dw_13", "conv_dw_13_bn", "conv_dw_13_relu", "conv_pw_13", "conv_pw_13_bn", "conv_pw_13_relu");
        assertThat(names.stream().filter(n -> n.startsWith("conv_pad_"))).containsExactly(
                "conv_pad_2", "conv_pad_4", "conv_pad_6", "conv_pad_12");
        for (int i = 1; i <= 13; i++) {
            int dw = names.indexOf("conv_dw_" + i);
            assertThat(names.subList(dw, dw + 6)).containsExactly("conv_dw_" + i, "conv_dw_" + i + "_bn",
                    "conv_dw_" + i + "_relu", "conv_pw_" + i, "conv_pw_" + i + "_bn", "conv_pw_" + i + "_relu");
        }
        assertThat(names).hasSize(3 + 13 * 6 + 4).doesNotHaveDuplicates();
    }

    @Test
    void classifierAppendsPoolDropoutAndLogitsWithoutSoftmax() {
        List<NamedLayer> layers = MobileNets.classifier(new MobileNetSpec(MobileNetSpec.V1, 0.5f, 128), 10, 0.2f);

        assertThat(LayerStack.names(layers)).endsWith("conv_pw_13_relu", "global_pool", "dropout", "logits");
        assertThat(LayerStack.names(MobileNets.featureExtractor(MobileNetSpec.defaultV1()))).endsWith("global_pool");
        assertThatThrownBy(() -> MobileNets.head(0, 0.2f)).isInstanceOf(SignDigitsException.class);
        assertThatThrownBy(() -> MobileNets.head(10, 1.5f)).hasMessageContaining("Dropout rate 1.5");
    }

    @Test
    void v1At224HasKerasParameterCountAndA7x7Map() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MobileNetSpec spec = MobileNetSpec.defaultV1();
            List<NamedLayer> layers = MobileNets.featureExtractor(spec);
            LayerStack.sequential(layers).initialize(manager, DataType.FLOAT32, spec.inputShape(1));

            ModelSummary summary = ModelSummary.of(layers, spec.inputShape(1));

            // keras.applications.MobileNet(include_top=False): 3,228,864 total, 21,888 non-trainable
            assertThat(summary.totalParameters()).isEqualTo(3_228_864);
            assertThat(summary.nonTrainableParameters()).isEqualTo(21_888);
            assertThat(summary.rows().get(LayerStack.indexOf(layers, "conv_pw_13_relu")).outputShape())
                    .isEqualTo(new Shape(1, 1024, 7, 7));
            assertThat(summary.outputShape()).isEqualTo(new Shape(1, 1024));
            assertThat(summary.render()).contains("conv_pad_2", "(1, 64, 113, 113)", "Total parameters: 3,228,864");
        }
    }

    @Test
    void v2HasKerasNamesShortcutsAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MobileNetSpec spec = new MobileNetSpec(MobileNetSpec.V2, 1.0f, 224);
            List<NamedLayer> layers = MobileNets.backbone(spec);
            LayerStack.sequential(layers).initialize(manager, DataType.FLOAT32, spec.inputShape(1));

            List<String> names = LayerStack.names(layers);
            assertThat(names).startsWith("Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise");
            assertThat(names).endsWith("Conv_1", "Conv_1_bn", "out_relu");
            assertThat(names).contains("block_1_expand", "block_1_pad", "block_1_depthwise", "block_1_project", "block_16_project_BN");
            // shortcuts where stride is 1 and channels stay: blocks 2, 4-5, 7-9, 11-12, 14-15
            assertThat(layers.stream().filter(l -> l.block() instanceof InvertedResidual).map(NamedLayer::name)).containsExactly(
                    "block_2", "block_4", "block_5", "block_7", "block_8", "block_9", "block_11", "block_12", "block_14", "block_15");
            ModelSummary summary = ModelSummary.of(layers, spec.inputShape(1));
            // keras.applications.MobileNetV2(include_top=False): 2,257,984 total
            assertThat(summary.totalParameters()).isEqualTo(2_257_984);
            assertThat(summary.outputShape()).isEqualTo(new Shape(1, 1280, 7, 7));
            assertThat(spec.featureChannels()).isEqualTo(1280);
        }
    }

    @Test
    void widthsScaleTheFeatureChannels() {
        assertThat(MobileNetSpec.WIDTHS.stream().map(w -> new MobileNetSpec(MobileNetSpec.V1, w, 128).featureChannels()))
                .containsExactly(256, 512, 768, 1024);
        assertThat(new MobileNetSpec(MobileNetSpec.V1, 0.75f, 192).id()).isEqualTo("mobilenet_v1_0.75_192");
        assertThatThrownBy(() -> new MobileNetSpec(MobileNetSpec.V1, 0.6f, 128)).hasMessageContaining("width 0.6");
        assertThatThrownBy(() -> new MobileNetSpec("resnet", 1f, 128)).hasMessageContaining("Unknown architecture 'resnet'");
        assertThatThrownBy(() -> new MobileNetSpec(MobileNetSpec.V1, 1f, 16)).hasMessageContaining("input size 16");
    }

    @Test
    void oddInputSizesFollowTensorFlowSameRounding() {
        // SAME with stride 2 gives ceil(n / 2): 100 -> 50 -> 25 -> 13 -> 7 -> 4
        for (String arch : MobileNetSpec.ARCHITECTURES) {
            MobileNetSpec spec = new MobileNetSpec(arch, 0.25f, 100);
            Shape[] shapes = {spec.inputShape(2)};
            for (NamedLayer layer : MobileNets.backbone(spec)) {
                shapes = layer.block().getOutputShapes(shapes);
            }
            assertThat(shapes[0]).isEqualTo(new Shape(2, spec.featureChannels(), 4, 4));
        }
    }

    @Test
    void forwardPassesRunInBothModesOnBothArchitectures() {
        for (String arch : MobileNetSpec.ARCHITECTURES) {
            try (NDManager manager = NDManager.newBaseManager()) {
                MobileNetSpec spec = new MobileNetSpec(arch, 0.25f, 64);
                SequentialBlock block = LayerStack.sequential(MobileNets.classifier(spec, 10, 0.2f));
                block.initialize(manager, DataType.FLOAT32, spec.inputShape(2));
                NDArray x = manager.randomUniform(-1, 1, spec.inputShape(2));
                for (boolean training : new boolean[] {false, true}) {
                    NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
                    assertThat(y.getShape()).isEqualTo(new Shape(2, 10));
                    float[] values = y.toFloatArray();
                    assertThat(IntStream.range(0, values.length).allMatch(i -> Float.isFinite(values[i]))).isTrue();
                }
            }
        }
    }
}
