package dev.signdigits.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.hand.HandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confidence floor: below it an answer is "not sure" (no digit, its ranked guesses kept); at it, sure. */
class PhotoPredictionTest {
    private static final List<String> LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** A photo whose most probable digit is 4, with probability {@code top} (above 0.11); 7 is second, then 0. */
    private static PhotoPrediction fourWith(float top) {
        float[] p = new float[10];
        java.util.Arrays.fill(p, (1 - top) / 9);
        p[4] = top;
        p[7] += 0.005f;
        p[1] -= 0.005f;
        return PhotoPrediction.of("four.jpg", p, LABELS, 3);
    }

    @Test
    void belowTheFloorIsNotSureAndKeepsItsRankedGuesses() {
        PhotoPrediction p = fourWith(0.41f).withMinConfidence(0.5);

        assertThat(p.notSure()).isTrue();
        assertThat(p.hasDigit()).isFalse();
        assertThat(p.digit()).isNull();
        assertThat(p.bestGuess()).isEqualTo("4");
        assertThat(p.confidence()).isEqualTo(0.41);
        assertThat(p.topK()).extracting(LabelProbability::label).containsExactly("4", "7", "0");
        assertThat(p.ok()).as("a not-sure answer is a read photo").isTrue();
        assertThat(p.classified()).isTrue();
        assertThat(p.noHand()).isFalse();
    }

    @Test
    void atOrAboveTheFloorIsSure() {
        for (float top : new float[] {0.5f, 0.73f}) {
            PhotoPrediction p = fourWith(top).withMinConfidence(0.5);

            assertThat(p.notSure()).as("top %s", top).isFalse();
            assertThat(p.digit()).isEqualTo("4");
            assertThat(p.bestGuess()).isEqualTo("4");
            assertThat(p.confidence()).isEqualTo(Ranking.widen(top));
        }
    }

    @Test
    void zeroTurnsTheFloorOffAndALaterFloorReplacesAnEarlierOne() {
        PhotoPrediction weak = fourWith(0.12f);

        assertThat(weak.withMinConfidence(0).digit()).isEqualTo("4");
        assertThat(weak.withMinConfidence(ConfidenceFloor.OFF).notSure()).isFalse();
        PhotoPrediction notSure = weak.withMinConfidence(0.2);
        assertThat(notSure.notSure()).isTrue();
        assertThat(notSure.withMinConfidence(0.1).digit()).as("decided from the probabilities, not the old answer")
                .isEqualTo("4");
        assertThat(new ConfidenceFloor(0).off()).isTrue();
    }

    @Test
    void withoutAFloorEveryClassifiedPhotoHasItsDigit() {
        assertThat(fourWith(0.11f).hasDigit()).isTrue();
        assertThat(fourWith(0.11f).notSure()).isFalse();
        assertThat(new PhotoPrediction("a.jpg", List.of(new LabelProbability("3", 0.2)), null).digit()).isEqualTo("3");
    }

    @Test
    void errorsAndNoHandAreLeftAsTheyAre() {
        PhotoPrediction failed = PhotoPrediction.failed("bad.jpg", "bad.jpg is not an image.");
        PhotoPrediction noHand = PhotoPrediction.noHand("wall.jpg", new HandResult.NoHand("No hand found.", 0.01, 0.0));

        assertThat(failed.withMinConfidence(0.9)).isSameAs(failed);
        assertThat(noHand.withMinConfidence(0.9)).isSameAs(noHand);
        assertThat(noHand.noHand()).isTrue();
        assertThat(noHand.notSure()).isFalse();
        assertThat(noHand.bestGuess()).isNull();
        assertThat(noHand.confidence()).isNaN();
        assertThat(failed.noHand()).isFalse();
        assertThat(failed.classified()).isFalse();
    }

    @Test
    void floorsOutsideZeroToOneAreRefusedWithOneSentenceNamingTheOptionAndValue() {
        for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> fourWith(0.9f).withMinConfidence(bad))
                    .as("floor %s", bad)
                    .isInstanceOf(SignDigitsException.class)
                    .hasMessage("--min-confidence must be at least 0 and below 1 (0 turns it off; default "
                            + ConfidenceFloor.DEFAULT_MIN_CONFIDENCE + "), got " + bad + ".");
        }
        assertThat(ConfidenceFloor.accepts(0)).isTrue();
        assertThat(ConfidenceFloor.accepts(0.999)).isTrue();
    }

    @Test
    void theDefaultIsOneConstantBetweenZeroAndOne() {
        assertThat(ConfidenceFloor.DEFAULT.value()).isEqualTo(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE);
        assertThat(Double.parseDouble(ConfidenceFloor.DEFAULT_TEXT)).isEqualTo(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE);
        assertThat(ConfidenceFloor.accepts(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE)).isTrue();
    }
}
