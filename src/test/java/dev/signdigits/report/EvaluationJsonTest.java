package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.SignDigitsException;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.Scored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationJsonTest {
    @TempDir
    Path dir;

    /** Class "2" has no photos and is never predicted: its ratios are undefined. */
    private static final Evaluation SMALL = Evaluation.of(List.of("0", "1", "2"), List.of(
            new Scored("0/a.jpg", 0, new float[] {0.8f, 0.15f, 0.05f}, "g1"),
            new Scored("0/b.jpg", 0, new float[] {0.3f, 0.6f, 0.1f}, "g1"),
            new Scored("1/c.jpg", 1, new float[] {0.1f, 0.9f, 0f}, null)));

    @Test
    void fieldNamesAreStableSnakeCaseWithMetaFirst() throws Exception {
        JsonNode root = new ObjectMapper().readTree(EvaluationJson.toJson(SMALL, Map.of("run_id", "r1")));

        assertThat(names(root)).containsExactly("meta", "labels", "count", "correct", "accuracy", "top2_accuracy",
                "top3_accuracy", "mean_log_loss", "calibration_error", "per_class", "macro_average", "weighted_average",
                "confusion_matrix", "groups", "misclassified");
        assertThat(names(root.get("per_class").get(0)))
                .containsExactly("label", "precision", "recall", "f1", "support", "predicted");
        assertThat(names(root.get("macro_average"))).containsExactly("precision", "recall", "f1");
        assertThat(names(root.get("confusion_matrix"))).containsExactly("labels", "counts");
        assertThat(names(root.get("groups").get(0))).containsExactly("group", "n", "correct", "accuracy");
        assertThat(names(root.get("misclassified").get(0)))
                .containsExactly("file", "true_label", "predicted_label", "confidence", "top3", "group");
        assertThat(names(root.get("misclassified").get(0).get("top3").get(0))).containsExactly("label", "probability");
    }

    @Test
    void valuesMatchTheEvaluation() throws Exception {
        JsonNode root = new ObjectMapper().readTree(EvaluationJson.toJson(SMALL, Map.of()));

        assertThat(root.get("accuracy").asDouble()).isEqualTo(SMALL.accuracy());
        assertThat(root.get("count").asInt()).isEqualTo(3);
        assertThat(root.at("/confusion_matrix/counts/0/1").asInt()).isEqualTo(1);
        assertThat(root.at("/misclassified/0/file").asText()).isEqualTo("0/b.jpg");
        assertThat(root.at("/misclassified/0/confidence").asDouble()).isEqualTo(0.6);
        assertThat(root.at("/per_class/2/support").asInt()).isZero();
    }

    @Test
    void undefinedRatiosAreZeroSoTheFileIsStrictJson() throws Exception {
        String json = EvaluationJson.toJson(SMALL, Map.of());

        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode unsupported = new ObjectMapper().readTree(json).at("/per_class/2"); // strict parser: no NaN allowed
        assertThat(unsupported.get("precision").isNumber()).isTrue();
        assertThat(unsupported.get("precision").asDouble()).isZero();
        assertThat(unsupported.get("f1").asDouble()).isZero();
    }

    @Test
    void roundTripsThroughAFile() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_id", "2026-11-24-abc");
        meta.put("model", "mobilenet_v1_1.0_128");
        meta.put("epochs", 12);
        Path file = dir.resolve(EvaluationJson.FILE_NAME);

        EvaluationJson.write(SMALL, meta, file);
        EvaluationJson.Document back = EvaluationJson.read(file);

        assertThat(back.evaluation()).isEqualTo(SMALL);
        assertThat(back.meta()).containsExactlyEntriesOf(meta);
    }

    @Test
    void roundTripsARealSizedEvaluation() {
        Evaluation real = Evaluation.of(RealPhotos.DIGITS, RealPhotos.scored(20, 0.85, 3));

        assertThat(EvaluationJson.parse(EvaluationJson.toJson(real, Map.of())).evaluation()).isEqualTo(real);
    }

    @Test
    void foreignFilesGiveAClearError() throws Exception {
        Path foreign = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json at all");

        assertThatThrownBy(() -> EvaluationJson.read(foreign))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("other.json");
        assertThatThrownBy(() -> EvaluationJson.read(garbage))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("garbage.json");
        assertThatThrownBy(() -> EvaluationJson.read(dir.resolve("missing.json")))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("missing.json");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
