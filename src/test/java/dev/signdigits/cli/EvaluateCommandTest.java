package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.report.EvaluationJson;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signdigits evaluate} on a real trained model: the numbers agree with what {@code train}
 * measured on the same test photos, for the trained model (djl) and for its int8 file; with the
 * robustness section by default, without it on {@code --no-robustness}.
 */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void djlOnTheTestSplitReproducesWhatTrainMeasured() throws Exception {
        Path model = TinyModel.dir();
        Path out = tmp.resolve("djl");

        CliRun run = run("evaluate", "--model", model.toString(), "--split", "test", "--data-dir", TinyModel.MIRROR.toString(),
                "--eval-out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        EvaluationJson.Document trained = EvaluationJson.read(model.resolve(EvaluationJson.FILE_NAME));
        EvaluationJson.Document evaluated = EvaluationJson.read(out.resolve(EvaluationJson.FILE_NAME));
        assertThat(evaluated.evaluation().count()).isEqualTo(trained.evaluation().count());
        assertThat(evaluated.evaluation().accuracy()).isEqualTo(trained.evaluation().accuracy());
        assertThat(evaluated.meta()).containsEntry("runtime", "djl").containsEntry("selection", "split test");
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("confusion.png")).isNotEmptyFile();
        assertThat(run.out()).contains("Written to " + out);

        // the robustness section, by default: six conditions in order, each with the rows of every model
        assertThat(evaluated.meta()).containsEntry("robustness_seed", 42);
        List<Map<String, Object>> conditions = conditions(evaluated);
        assertThat(conditions).extracting(c -> c.get("name")).containsExactly("as is", "grayscale", "blurred", "darkened",
                "background-replaced", "phone-like");
        for (Map<String, Object> c : conditions) {
            assertThat(c.get("photos")).as(c.get("name").toString()).isEqualTo(evaluated.evaluation().count());
            assertThat(c.get("hands_found")).as("a whole-photo model reads every photo").isEqualTo(c.get("photos"));
            assertThat(models(c)).extracting(m -> m.get("model")).containsExactly("image", "served");
            assertThat(models(c)).allSatisfy(m -> assertThat(((Number) m.get("accuracy")).doubleValue()).isBetween(0.0, 1.0));
            assertThat(c.get("description").toString()).isNotBlank().doesNotContain("\n");
        }
        // as is, the photos are read exactly as by the evaluation itself
        Map<String, Object> served = models(conditions.get(0)).get(1);
        assertThat(((Number) served.get("accuracy")).doubleValue()).isEqualTo(evaluated.evaluation().accuracy());
        assertThat(Files.readString(out.resolve("report.html"))).contains("<section id=\"robustness\">", "phone-like",
                "background-replaced");
        assertThat(run.out()).contains("Robustness", "background-replaced", "phone-like");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(EvaluationJson.Document document) {
        return (List<Map<String, Object>>) document.meta().get("robustness");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> models(Map<String, Object> condition) {
        return (List<Map<String, Object>>) condition.get("models");
    }

    @Test
    void int8RuntimeEvaluatesTheDeployedFileAsTrainMeasuredIt() throws Exception {
        Path model = TinyModel.dir();
        Int8Accuracy recorded = Int8Accuracy.fromProvenance(FinetunedModel.readMetadata(model).provenance()).orElseThrow();
        Path out = tmp.resolve("int8");

        CliRun run = run("evaluate", "--model", model.toString(), "--runtime", "tflite-int8", "--split", "test",
                "--data-dir", TinyModel.MIRROR.toString(), "--eval-out", out.toString(), "--no-robustness");

        assertThat(run.exit()).as(run.err()).isZero();
        EvaluationJson.Document evaluated = EvaluationJson.read(out.resolve(EvaluationJson.FILE_NAME));
        assertThat(evaluated.meta()).containsEntry("runtime", "tflite-int8");
        assertThat(evaluated.evaluation().count()).isEqualTo(recorded.count());
        // the same photos right: train recorded the count it got right with this very file
        assertThat(Math.round(evaluated.evaluation().accuracy() * evaluated.evaluation().count())).isEqualTo(recorded.correct());
        // --no-robustness: no section anywhere
        assertThat(evaluated.meta()).doesNotContainKeys("robustness", "robustness_seed");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("id=\"robustness\"");
        assertThat(Files.readString(out.resolve("evaluation.txt"))).doesNotContain("Robustness");
        assertThat(run.out()).doesNotContain("Robustness");
    }

    @Test
    void anExportedFileEvaluatesOnAFolderButHasNoSplit() throws Exception {
        Path file = TinyModel.dir().resolve("model-int8.tflite");
        Path photos = tmp.resolve("photos");
        for (String digit : new String[] {"3", "5"}) {
            Files.createDirectories(photos.resolve(digit));
            try (var list = Files.list(TinyModel.MIRROR.resolve(digit))) {
                for (Path p : list.sorted().limit(4).toList()) {
                    Files.copy(p, photos.resolve(digit).resolve(p.getFileName()));
                }
            }
        }

        CliRun onFolder = run("evaluate", "--model", file.toString(), "--runtime", "auto", "--data", photos.toString(),
                "--eval-out", tmp.resolve("folder").toString());
        CliRun onSplit = run("evaluate", "--model", file.toString(), "--runtime", "tflite-int8", "--split", "test",
                "--data-dir", TinyModel.MIRROR.toString());

        assertThat(onFolder.exit()).as(onFolder.err()).isZero();
        assertThat(EvaluationJson.read(tmp.resolve("folder").resolve(EvaluationJson.FILE_NAME)).evaluation().count()).isEqualTo(8);
        assertThat(onSplit.exit()).isEqualTo(2);
        assertThat(onSplit.err().strip()).contains("single exported file", "--data").doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownRuntimeIsOneSentence() {
        CliRun run = run("evaluate", "--model", TinyModel.dir().toString(), "--runtime", "tensorrt");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).contains("Unknown runtime 'tensorrt'", "tflite-int8").doesNotContain("\tat ");
    }
}
