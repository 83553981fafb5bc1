package dev.signdigits.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.SignDigitsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CombinationTest {

    private static ShapeNetwork network(long seed) {
        Random r = new Random(seed);
        float[][] parts = {new float[42 * 8], new float[8], new float[8 * 10], new float[10]};
        for (float[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) r.nextGaussian();
            }
        }
        return new ShapeNetwork(42, 8, 10, parts[0], parts[1], parts[2], parts[3]);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }

    @Test
    void theNetworkSurvivesItsPropertyExactly() {
        ShapeNetwork net = network(1);
        ShapeNetwork back = ShapeNetwork.fromProperty(net.toProperty());
        assertThat(back.w1()).containsExactly(net.w1());
        assertThat(back.b2()).containsExactly(net.b2());
        float[] x = new float[42];
        x[3] = 0.5f;
        assertThat(back.probabilities(x)).containsExactly(net.probabilities(x));
    }

    @Test
    void aModelRecordsItsCombinationAndReadsItBack() {
        Combination c = new Combination(network(2), 0.75, 1.3);
        Map<String, String> props = new HashMap<>(c.toProperties());
        Combination back = Combination.forModel(props, "model x");
        assertThat(back.shapeWeight()).isEqualTo(0.75);
        assertThat(back.temperature()).isCloseTo(1.3, within(1e-4));
        assertThat(back.network().toProperty()).isEqualTo(c.network().toProperty());
        assertThat(Combination.forModel(Map.of(), "model y")).isEqualTo(Combination.IDENTITY);
    }

    @Test
    void aDamagedNetworkFailsWithOneSentenceNamingTheModel() {
        Map<String, String> props = new HashMap<>(new Combination(network(3), 1, 1).toProperties());
        props.put(Combination.NETWORK_PROPERTY, props.get(Combination.NETWORK_PROPERTY).substring(0, 100));
        assertThatThrownBy(() -> Combination.forModel(props, "model run-7"))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageStartingWith("model run-7 records a damaged hand-shape network")
                .hasMessageEndingWith("export or train the model again.");
    }

    @Test
    void temperatureNeverChangesTheAnswerOnlyHowSureItIs() {
        Random r = new Random(4);
        for (int n = 0; n < 50; n++) {
            float[] image = Softmax.of(logits(r));
            float[] cool = Combination.combine(image, null, 0, 0.5);
            float[] warm = Combination.combine(image, null, 0, 2);
            assertThat(argmax(cool)).isEqualTo(argmax(image));
            assertThat(argmax(warm)).isEqualTo(argmax(image));
            assertThat(cool[argmax(cool)]).isGreaterThanOrEqualTo(image[argmax(image)] - 1e-6f);
            assertThat(warm[argmax(warm)]).isLessThanOrEqualTo(image[argmax(image)] + 1e-6f);
        }
    }

    @Test
    void identityGivesTheImageProbabilitiesBack() {
        float[] image = Softmax.of(logits(new Random(5)));
        float[] out = Combination.IDENTITY.combine(image, null);
        for (int k = 0; k < image.length; k++) {
            assertThat(out[k]).isCloseTo(image[k], within(1e-6f));
        }
    }

    @Test
    void fittingFindsTheTemperatureThatMadeOverconfidentAnswers() {
        // answers drawn from calibrated probabilities, then reported sharpened by T = 2
        Random r = new Random(6);
        List<float[]> image = new ArrayList<>();
        int[] labels = new int[3000];
        for (int n = 0; n < labels.length; n++) {
            float[] z = logits(r);
            float[] calibrated = Softmax.of(z);
            labels[n] = draw(calibrated, r);
            for (int k = 0; k < z.length; k++) {
                z[k] *= 2;
            }
            image.add(Softmax.of(z));
        }
        CombinationFit.Result fit = CombinationFit.fit(image, null, labels, null);
        assertThat(fit.combination().temperature()).isCloseTo(2.0, within(0.15));
        assertThat(fit.valLoss()).isLessThan(fit.valLossUncalibrated());
    }

    @Test
    void fittingGivesAnInformativeShapeWeight() {
        // the image network is right 70% of the time, the shape 90%, independently: both should count
        Random r = new Random(8);
        List<float[]> image = new ArrayList<>();
        List<float[]> shape = new ArrayList<>();
        int[] labels = new int[2000];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = r.nextInt(10);
            image.add(noisyOneHot(labels[n], 0.7, r));
            shape.add(noisyOneHot(labels[n], 0.9, r));
        }
        CombinationFit.Result fit = CombinationFit.fitWeight(image, shape, labels, network(9));
        assertThat(fit.combination().shapeWeight()).isGreaterThan(0.5);
        // what train does: the weight fixed, only the temperature fitted, and better than uncalibrated
        CombinationFit.Result fixed = CombinationFit.fit(image, shape, labels, network(9));
        assertThat(fixed.combination().shapeWeight()).isEqualTo(CombinationFit.SHAPE_WEIGHT);
        assertThat(fixed.valLoss()).isLessThan(fixed.valLossUncalibrated());
    }

    private static float[] noisyOneHot(int label, double rightShare, Random r) {
        float[] p = new float[10];
        int said = r.nextDouble() < rightShare ? label : r.nextInt(10);
        java.util.Arrays.fill(p, 0.2f / 9);
        p[said] = 0.8f;
        return p;
    }

    private static float[] logits(Random r) {
        float[] z = new float[10];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) (r.nextGaussian() * 2);
        }
        return z;
    }

    private static int draw(float[] p, Random r) {
        double u = r.nextDouble();
        for (int k = 0; k < p.length; k++) {
            u -= p[k];
            if (u <= 0) {
                return k;
            }
        }
        return p.length - 1;
    }
}
