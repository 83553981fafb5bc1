package dev.signdigits.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.SignDigitsException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import dev.signdigits.predict.LabelProbability;

class EvaluationTest {
    private static final Offset<Double> EXACT = within(1e-9);
    private static final List<String> ABC = List.of("A", "B", "C");

    /**
     * Six photos, worked out by hand:
     * a1 A->A, a2 A->B (A second), b1 B->B, b2 B->C (B third), a3 A->A, b3 B->B (no group).
     * Confusion rows A [2,1,0], B [0,2,1], C [0,0,0].
     */
    private static final List<Scored> SIX = List.of(
            new Scored("a1.jpg", 0, new float[] {0.7f, 0.2f, 0.1f}, "g1"),
            new Scored("a2.jpg", 0, new float[] {0.3f, 0.5f, 0.2f}, "g1"),
            new Scored("b1.jpg", 1, new float[] {0.1f, 0.8f, 0.1f}, "g2"),
            new Scored("b2.jpg", 1, new float[] {0.3f, 0.25f, 0.45f}, "g2"),
            new Scored("a3.jpg", 0, new float[] {0.6f, 0.3f, 0.1f}, "g2"),
            new Scored("b3.jpg", 1, new float[] {0.1f, 0.9f, 0.0f}, null));

    @Test
    void accuracyAndTopK() {
        Evaluation e = Evaluation.of(ABC, SIX);

        assertThat(e.count()).isEqualTo(6);
        assertThat(e.correct()).isEqualTo(4);
        assertThat(e.accuracy()).isCloseTo(4.0 / 6, EXACT);
        assertThat(e.top2Accuracy()).isCloseTo(5.0 / 6, EXACT); // only b2 has its label third
        assertThat(e.top3Accuracy()).isCloseTo(1.0, EXACT);
    }

    @Test
    void calibrationErrorComparesEachConfidenceBinsAccuracyWithItsMeanConfidence() {
        // SIX, one photo per bin: |1-0.7| + |0-0.5| + |1-0.8| + |0-0.45| + |1-0.6| + |1-0.9| over 6
        assertThat(Evaluation.of(ABC, SIX).calibrationError()).isCloseTo(1.95 / 6, within(1e-6));
        // two photos 95% sure in one bin, one of them right: the bin is 50% right, 45 points overconfident
        List<Scored> overconfident = List.of(
                new Scored("x.jpg", 0, new float[] {0.95f, 0.05f, 0f}, null),
                new Scored("y.jpg", 1, new float[] {0.95f, 0.05f, 0f}, null));
        assertThat(Evaluation.of(ABC, overconfident).calibrationError()).isCloseTo(0.45, within(1e-6));
        // right exactly as often as it says, in each bin
        List<Scored> calibrated = List.of(
                new Scored("p.jpg", 0, new float[] {0.5f, 0.4f, 0.1f}, null),
                new Scored("q.jpg", 1, new float[] {0.5f, 0.4f, 0.1f}, null),
                new Scored("r.jpg", 2, new float[] {0f, 0f, 1f}, null));
        assertThat(Evaluation.of(ABC, calibrated).calibrationError()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void confusionMatrixRowsAreTrueLabels() {
        ConfusionMatrix m = Evaluation.of(ABC, SIX).confusionMatrix();

        assertThat(m.labels()).containsExactly("A", "B", "C");
        assertThat(m.counts()).containsExactly(List.of(2, 1, 0), List.of(0, 2, 1), List.of(0, 0, 0));
        assertThat(m.count(1, 2)).isEqualTo(1); // b2: true B, predicted C
        assertThat(m.rowTotal(0)).isEqualTo(3);
        assertThat(m.rowFraction(0, 1)).isCloseTo(1.0 / 3, EXACT);
        assertThat(m.rowFraction(2, 2)).isZero(); // empty row: 0, not NaN
        assertThat(m.total()).isEqualTo(6);
    }

    @Test
    void perClassPrecisionRecallF1() {
        List<ClassMetrics> classes = Evaluation.of(ABC, SIX).perClass();

        ClassMetrics a = classes.get(0); // tp 2, support 3, predicted 2
        assertThat(a.label()).isEqualTo("A");
        assertThat(a.precision()).isCloseTo(1.0, EXACT);
        assertThat(a.recall()).isCloseTo(2.0 / 3, EXACT);
        assertThat(a.f1()).isCloseTo(0.8, EXACT);
        assertThat(a.support()).isEqualTo(3);
        assertThat(a.predicted()).isEqualTo(2);

        ClassMetrics b = classes.get(1); // tp 2, support 3, predicted 3
        assertThat(b.precision()).isCloseTo(2.0 / 3, EXACT);
        assertThat(b.recall()).isCloseTo(2.0 / 3, EXACT);
        assertThat(b.f1()).isCloseTo(2.0 / 3, EXACT);

        ClassMetrics c = classes.get(2); // no support, predicted once, wrongly
        assertThat(c.support()).isZero();
        assertThat(c.predicted()).isEqualTo(1);
        assertThat(List.of(c.precision(), c.recall(), c.f1())).containsOnly(0.0);
    }

    @Test
    void macroAndWeightedAverages() {
        Evaluation e = Evaluation.of(ABC, SIX);

        // C occurs as a prediction, so the macro mean is over all three classes
        assertThat(e.macroAverage().precision()).isCloseTo(5.0 / 9, EXACT);
        assertThat(e.macroAverage().recall()).isCloseTo(4.0 / 9, EXACT);
        assertThat(e.macroAverage().f1()).isCloseTo(22.0 / 45, EXACT);
        // weights are supports 3, 3, 0
        assertThat(e.weightedAverage().precision()).isCloseTo(5.0 / 6, EXACT);
        assertThat(e.weightedAverage().recall()).isCloseTo(2.0 / 3, EXACT);
        assertThat(e.weightedAverage().f1()).isCloseTo(11.0 / 15, EXACT);
    }

    @Test
    void macroAverageLeavesOutClassesThatNeverOccur() {
        List<Scored> twoOfTen = List.of(
                new Scored("x", 0, oneHot(10, 0), null),
                new Scored("y", 1, oneHot(10, 0), null));
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        Evaluation e = Evaluation.of(digits, twoOfTen);

        // class 0: P 1/2, R 1, F1 2/3; class 1: all 0; classes 2-9 absent and ignored
        assertThat(e.macroAverage().precision()).isCloseTo(0.25, EXACT);
        assertThat(e.macroAverage().recall()).isCloseTo(0.5, EXACT);
        assertThat(e.macroAverage().f1()).isCloseTo(1.0 / 3, EXACT);
        assertThat(e.perClass()).hasSize(10);
        assertThat(e.perClass().get(9).occurs()).isFalse();
    }

    @Test
    void meanLogLossOfTrueLabelProbabilities() {
        Evaluation e = Evaluation.of(ABC, SIX);

        double expected = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.25) + Math.log(0.6)
                + Math.log(0.9)) / 6;
        assertThat(e.meanLogLoss()).isCloseTo(expected, within(1e-6)).isCloseTo(0.6310, within(1e-4));
    }

    @Test
    void zeroProbabilityForTheTruthGivesAFiniteLogLoss() {
        Evaluation e = Evaluation.of(ABC, List.of(new Scored("z", 2, new float[] {1f, 0f, 0f}, null)));

        assertThat(e.meanLogLoss()).isCloseTo(-Math.log(Evaluation.LOG_LOSS_EPSILON), within(1e-9));
        assertThat(e.meanLogLoss()).isFinite();
    }

    @Test
    void groupsWorstFirstWithoutUngroupedPhotos() {
        List<GroupAccuracy> groups = Evaluation.of(ABC, SIX).groups();

        assertThat(groups).extracting(GroupAccuracy::group).containsExactly("g1", "g2");
        assertThat(groups.get(0)).isEqualTo(new GroupAccuracy("g1", 2, 1, 0.5));
        assertThat(groups.get(1).n()).isEqualTo(3);
        assertThat(groups.get(1).correct()).isEqualTo(2);
        assertThat(groups.get(1).accuracy()).isCloseTo(2.0 / 3, EXACT);
        assertThat(Evaluation.of(ABC, SIX).worstGroups(1)).extracting(GroupAccuracy::group).containsExactly("g1");
    }

    @Test
    void misclassifiedMostConfidentFirstWithTop3() {
        List<Misclassified> wrong = Evaluation.of(ABC, SIX).misclassified();

        assertThat(wrong).extracting(Misclassified::file).containsExactly("a2.jpg", "b2.jpg");
        Misclassified a2 = wrong.get(0);
        assertThat(a2.trueLabel()).isEqualTo("A");
        assertThat(a2.predictedLabel()).isEqualTo("B");
        assertThat(a2.confidence()).isEqualTo(0.5);
        assertThat(a2.group()).isEqualTo("g1");
        assertThat(a2.top3()).containsExactly(
                new LabelProbability("B", 0.5), new LabelProbability("A", 0.3), new LabelProbability("C", 0.2));
        assertThat(wrong.get(1).predictedLabel()).isEqualTo("C");
        assertThat(wrong.get(1).confidence()).isEqualTo(0.45);
    }

    @Test
    void tiesGoToTheLowerIndexConsistentlyForTop1AndTopK() {
        float third = 1f / 3;
        List<Scored> tied = List.of(
                new Scored("first", 0, new float[] {third, third, third}, null),
                new Scored("last", 2, new float[] {third, third, third}, null));

        Evaluation e = Evaluation.of(ABC, tied);

        assertThat(e.correct()).isEqualTo(1);
        assertThat(e.top2Accuracy()).isCloseTo(0.5, EXACT);
        assertThat(e.top3Accuracy()).isCloseTo(1.0, EXACT);
        assertThat(e.misclassified().get(0).predictedLabel()).isEqualTo("A");
    }

    @Test
    void perfectPredictionsHaveNoMistakes() {
        List<Scored> perfect = List.of(
                new Scored("a", 0, oneHot(3, 0), "g"), new Scored("b", 1, oneHot(3, 1), "g"));

        Evaluation e = Evaluation.of(ABC, perfect);

        assertThat(e.accuracy()).isEqualTo(1.0);
        assertThat(e.misclassified()).isEmpty();
        assertThat(e.macroAverage()).isEqualTo(new Averages(1.0, 1.0, 1.0)); // C never occurs
    }

    @Test
    void rejectsInputsThatDoNotFitTheLabels() {
        assertThatThrownBy(() -> Evaluation.of(ABC, List.of()))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("no photos");
        assertThatThrownBy(() -> Evaluation.of(ABC, List.of(new Scored("p.jpg", 3, oneHot(3, 0), null))))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("p.jpg").hasMessageContaining("3");
        assertThatThrownBy(() -> Evaluation.of(ABC, List.of(new Scored("q.jpg", 0, oneHot(10, 0), null))))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("q.jpg").hasMessageContaining("10");
        assertThatThrownBy(() -> Evaluation.of(ABC, List.of(new Scored("r.jpg", 0, new float[] {Float.NaN, 0, 0}, null))))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("r.jpg").hasMessageContaining("NaN");
    }

    @Test
    void isImmutable() {
        float[] probabilities = {0.9f, 0.05f, 0.05f};
        Scored scored = new Scored("a", 0, probabilities, null);
        probabilities[0] = 0f; // a reused batch buffer must not change what was scored

        Evaluation e = Evaluation.of(ABC, List.of(scored));

        assertThat(e.correct()).isEqualTo(1);
        assertThatThrownBy(() -> e.perClass().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.confusionMatrix().counts().get(0).set(0, 7))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static float[] oneHot(int size, int index) {
        float[] p = new float[size];
        p[index] = 1f;
        return p;
    }
}
