package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.report.EvaluationJson;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signdigits evaluate} on a real trained model: the numbers agree with what {@code train}
 * measured on the same test photos, for the trained model (djl) and for its int8 file.
 */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void djlOnTheTestSplitReproducesWhatTrainMeasured() {
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
    }

    @Test
    void int8RuntimeEvaluatesTheDeployedFileAsTrainMeasuredIt() {
        Path model = TinyModel.dir();
        Int8Accuracy recorded = Int8Accuracy.fromProvenance(FinetunedModel.readMetadata(model).provenance()).orElseThrow();
        Path out = tmp.resolve("int8");

        CliRun run = run("evaluate", "--model", model.toString(), "--runtime", "tflite-int8", "--split", "test",
                "--data-dir", TinyModel.MIRROR.toString(), "--eval-out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        EvaluationJson.Document evaluated = EvaluationJson.read(out.resolve(EvaluationJson.FILE_NAME));
        assertThat(evaluated.meta()).containsEntry("runtime", "tflite-int8");
        assertThat(evaluated.evaluation().count()).isEqualTo(recorded.count());
        // the same photos right: train recorded the count it got right with this very file
        assertThat(Math.round(evaluated.evaluation().accuracy() * evaluated.evaluation().count())).isEqualTo(recorded.correct());
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
