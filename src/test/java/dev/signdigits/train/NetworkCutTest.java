package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCutTest {
    private final List<NamedLayer> layers = MobileNets.classifier(MobileNetSpec.defaultV1(), 10, 0.3f);

    @Test
    void defaultCutsAfterBlockElevenSoBlocksTwelveAndThirteenTrain() {
        int cut = NetworkCut.trunkSize(layers, 16);
        assertThat(layers.get(cut - 1).name()).isEqualTo("conv_pw_11_relu");
        assertThat(layers.get(cut).name()).isEqualTo("conv_pad_12");
        assertThat(layers.size() - cut).isEqualTo(16);
    }

    @Test
    void cutMovesBackToTheNearestReluSoTheCacheStaysInRange() {
        int cut = NetworkCut.trunkSize(layers, 23);
        assertThat(layers.get(cut - 1).name()).endsWith("_relu");
        assertThat(layers.size() - cut).isGreaterThanOrEqualTo(23);
    }

    @Test
    void refusesToTrainEverything() {
        assertThatThrownBy(() -> NetworkCut.trunkSize(layers, layers.size()))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("--fine-tune-layers");
    }
}
