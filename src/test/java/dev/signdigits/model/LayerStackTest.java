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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.backbone.ImportedBackbone;

/** How training uses an imported backbone: new head, other input size, trunk/tail cut, freezing. */
class LayerStackTest {
    @TempDir
    static Path models;
    static Path imported;

    @BeforeAll
    static void importOnce() {
        NativeSetup.beforeFirstDjlCall();
        imported = TestBackbones.importV1Quarter(models);
    }

    private static NDArray run(SequentialBlock block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void aNewHeadOnTheImportedBackboneKeepsItsWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportedBackbone backbone = ImportedBackbone.load(imported, manager);
            MobileNetSpec spec = backbone.spec().withInputSize(96);
            List<NamedLayer> layers = new ArrayList<>(backbone.backbone());
            layers.addAll(MobileNets.head(10, 0.2f, spec.featureChannels()));
            float[] conv1 = Layers.convOf(layers.get(0).block()).getParameters().get("weight").getArray().toFloatArray();
            float[] beta = layers.get(1).block().getParameters().get("beta").getArray().toFloatArray();

            SequentialBlock full = LayerStack.sequential(layers);
            full.initialize(manager, DataType.FLOAT32, spec.inputShape(2));

            assertThat(Layers.convOf(layers.get(0).block()).getParameters().get("weight").getArray().toFloatArray()).containsExactly(conv1);
            assertThat(layers.get(1).block().getParameters().get("beta").getArray().toFloatArray()).containsExactly(beta);
            assertThat(LayerStack.layer(layers, "logits").block().getParameters().get("weight").getShape()).isEqualTo(new Shape(10, 256));
            NDArray logits = run(full, manager, manager.randomUniform(-1, 1, spec.inputShape(2)));
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void trunkThenTailEqualsTheWholeNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedLayer> layers = ImportedBackbone.load(imported, manager).layers();
            LayerStack.Split split = LayerStack.splitBefore(layers, "conv_dw_13");
            NDArray x = manager.randomUniform(-1, 1, new Shape(1, 3, 128, 128));

            NDArray whole = run(LayerStack.sequential(layers), manager, x);
            NDArray cut = run(LayerStack.sequential(split.tail()), manager, run(LayerStack.sequential(split.trunk()), manager, x));

            assertThat(split.trunk().get(split.trunk().size() - 1).name()).isEqualTo("conv_pw_12_relu");
            assertThat(cut.toFloatArray()).containsExactly(whole.toFloatArray());
        }
    }

    @Test
    void freezingCountsLayersFromTheEndAndNeverTrainsRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedLayer> layers = ImportedBackbone.load(imported, manager).layers();
            Shape input = new Shape(1, 3, 128, 128);

            LayerStack.freezeAllButLast(layers, 3); // global_pool, dropout, logits
            assertThat(ModelSummary.of(layers, input).trainableParameters()).isEqualTo(1001 * 256 + 1001);

            LayerStack.freezeAllButLast(layers, 5); // + conv_pw_13_bn (gamma, beta; not its running statistics)
            ModelSummary summary = ModelSummary.of(layers, input);
            assertThat(summary.trainableParameters()).isEqualTo(1001 * 256 + 1001 + 2 * 256);
            assertThat(summary.rows().get(LayerStack.indexOf(layers, "conv_pw_13_bn")).state()).isEqualTo("trainable*");
            assertThat(summary.rows().get(LayerStack.indexOf(layers, "conv_pw_13")).state()).isEqualTo("frozen");
        }
    }

    @Test
    void cutsAreCheckedAndNamesExplained() {
        List<NamedLayer> layers = MobileNets.backbone(MobileNetSpec.defaultV1());

        assertThat(LayerStack.split(layers, 0).trunk()).isEmpty();
        assertThat(LayerStack.splitLast(layers, 6).tail().get(0).name()).isEqualTo("conv_dw_13");
        assertThatThrownBy(() -> LayerStack.split(layers, 86)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("Cannot cut a network of 85 layers at 86");
        assertThatThrownBy(() -> LayerStack.indexOf(layers, "conv_dw_14")).hasMessageContaining("No layer named 'conv_dw_14'")
                .hasMessageContaining("conv_pw_13_relu");
    }
}
