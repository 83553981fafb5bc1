package dev.signdigits.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeTrainerTest {
    private static final ShapeTrainer.Settings FAST = new ShapeTrainer.Settings(32, 15, 1, 32, 3e-3, 1e-4, 0.1, 0.05, 0.02);

    /** Three classes of 42 features around distinct centres, with noise: learnable, not trivially. */
    private record Data(List<float[]> x, int[] y) {}

    private static Data data(int n, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[3][HandShape.FEATURES];
        Random c = new Random(7);
        for (float[] centre : centres) {
            for (int i = 0; i < centre.length; i++) {
                centre[i] = (float) c.nextGaussian();
            }
        }
        List<float[]> x = new ArrayList<>();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            float[] v = new float[HandShape.FEATURES];
            for (int k = 0; k < v.length; k++) {
                v[k] = centres[y[i]][k] + (float) (r.nextGaussian() * 0.8);
            }
            x.add(v);
        }
        return new Data(x, y);
    }

    @Test
    void learnsHeldOutShapes() {
        Data train = data(300, 1);
        Data test = data(150, 2);
        ShapeNetwork net = ShapeTrainer.train(train.x(), train.y(), 3, 42, FAST);
        int right = 0;
        for (int i = 0; i < test.y().length; i++) {
            float[] p = net.probabilities(test.x().get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            right += best == test.y()[i] ? 1 : 0;
        }
        assertThat(right / 150.0).isGreaterThan(0.95);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        Data train = data(90, 3);
        ShapeNetwork a = ShapeTrainer.train(train.x(), train.y(), 3, 5, FAST);
        ShapeNetwork b = ShapeTrainer.train(train.x(), train.y(), 3, 5, FAST);
        ShapeNetwork c = ShapeTrainer.train(train.x(), train.y(), 3, 6, FAST);
        assertThat(a.toProperty()).isEqualTo(b.toProperty());
        assertThat(a.toProperty()).isNotEqualTo(c.toProperty());
    }

    @Test
    void refusesMismatchedLabels() {
        Data train = data(30, 4);
        assertThatThrownBy(() -> ShapeTrainer.train(train.x(), new int[3], 3, 1, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per hand shape");
    }
}
