package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.Scored;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTextTest {

    @Test
    void showsSummaryPerClassMatrixGroupsAndMistakes() {
        Evaluation e = Evaluation.of(List.of("zero", "one"), List.of(
                new Scored("z1.jpg", 0, new float[] {0.9f, 0.1f}, "alice"),
                new Scored("z2.jpg", 0, new float[] {0.35f, 0.65f}, "bob"),
                new Scored("o1.jpg", 1, new float[] {0.2f, 0.8f}, "bob"),
                new Scored("o2.jpg", 1, new float[] {0.4f, 0.6f}, "alice")));

        String text = EvaluationText.render(e);

        assertThat(text).contains("accuracy 75.0% (3 correct)");
        // per class: zero has P 1, R 0.5; one has P 2/3, R 1
        assertThat(text).containsPattern("zero\\s+1\\.000\\s+0\\.500\\s+0\\.667\\s+2");
        assertThat(text).containsPattern("one\\s+0\\.667\\s+1\\.000\\s+0\\.800\\s+2");
        assertThat(text).containsPattern("macro avg\\s+0\\.833\\s+0\\.750\\s+0\\.733");
        // confusion matrix rows: zero -> [1, 1], one -> [0 shown as ".", 2]
        assertThat(text).containsPattern("true\\\\pred\\s+zero\\s+one");
        assertThat(text).containsPattern("\\nzero\\s+1\\s+1\\s*\\n");
        assertThat(text).containsPattern("\\none\\s+\\.\\s+2\\s*\\n");
        // worst group first
        assertThat(text.indexOf("bob")).isLessThan(text.indexOf("alice"));
        assertThat(text).containsPattern("bob\\s+50\\.0%\\s+\\(1/2\\)");
        assertThat(text).contains("true zero -> pred one (0.65)  z2.jpg");
    }

    @Test
    void saysSoWhenNothingIsWrong() {
        Evaluation e = Evaluation.of(List.of("a", "b"), List.of(new Scored("x", 0, new float[] {1f, 0f}, null)));

        String text = EvaluationText.render(e);

        assertThat(text).contains("No misclassified photos.").doesNotContain("Worst groups");
    }
}
