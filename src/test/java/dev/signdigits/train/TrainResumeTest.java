package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.cli.Main;
import dev.signdigits.eval.EpochMetrics;
import dev.signdigits.eval.MetricsCsv;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL, then caught between the two renames of a checkpoint swap (only the
 * renamed old checkpoint complete, a 0-byte temporary one beside it), resumes from that checkpoint
 * and gives the same numbers for every epoch as an uninterrupted run with the same seed: the
 * shuffle, the augmentation and the dropout masks all derive from (seed, epoch).
 */
class TrainResumeTest {
    static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    static final int EPOCHS = 4;

    @TempDir
    static Path work;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    static List<String> run(Path modelsDir, Path manifest) {
        return List.of("train", "--data-dir", MIRROR.toString(), "--manifest", manifest.toString(),
                "--models-dir", modelsDir.toString(), "--backbone", "mobilenet_v1_0.25_128", "--input-size", "128",
                "--epochs", Integer.toString(EPOCHS), "--augment-copies", "2", "--patience", "50", "--seed", "11");
    }

    static CliRun cli(List<String> args) {
        return CliRun.of(args);
    }

    @Test
    void resumedRunMatchesAnUninterruptedOneEpochByEpoch() throws Exception {
        Path models = work.resolve("models");
        Path manifest = work.resolve("split.csv");
        CliRun uninterrupted = cli(run(models, manifest));
        assertThat(uninterrupted.exit()).as(uninterrupted.err()).isZero();
        List<EpochMetrics> expected = MetricsCsv.read(models.resolve("finetuned/latest/metrics.csv"));
        assertThat(expected).hasSize(EPOCHS);
        JsonNode expectedModel = new ObjectMapper().readTree(models.resolve("finetuned/latest/provenance.json").toFile());
        assertThat(expectedModel.path("weights").asText()).isEqualTo("mean of epochs 3-4");

        // killed once epoch 3 is in the weight average, so the resumed run must carry the average on
        Path workDir = killAfterCheckpoint(models, manifest, 3);
        Path checkpoint = workDir.resolve("checkpoint");
        Files.move(checkpoint, workDir.resolve(".checkpoint.old-" + System.nanoTime())); // killed mid-swap
        Path tmp = Files.createDirectories(workDir.resolve(".checkpoint.tmp4711"));
        Files.createFile(tmp.resolve("tail.bin"));

        List<String> resume = new ArrayList<>(run(models, manifest));
        resume.add("--resume");
        CliRun resumed = cli(resume);

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(workDir).doesNotExist();
        List<EpochMetrics> actual = MetricsCsv.read(models.resolve("finetuned/latest/metrics.csv"));
        assertThat(actual).hasSize(EPOCHS);
        for (int i = 0; i < EPOCHS; i++) {
            EpochMetrics a = actual.get(i);
            EpochMetrics e = expected.get(i);
            assertThat(List.of(a.epoch(), a.trainLoss(), a.trainAccuracy(), a.valLoss(), a.valAccuracy(), a.learningRate()))
                    .as("epoch %d", i + 1)
                    .isEqualTo(List.of(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(),
                            e.learningRate()));
        }
        JsonNode actualModel = new ObjectMapper().readTree(models.resolve("finetuned/latest/provenance.json").toFile());
        for (String key : List.of("weights", "val_accuracy", "test_accuracy")) {
            assertThat(actualModel.path(key).asText()).as(key).isEqualTo(expectedModel.path(key).asText());
        }
    }

    /** Trains in a child JVM and kills it (SIGKILL) once the checkpoint after {@code epochs} epochs is complete; returns its work directory. */
    private static Path killAfterCheckpoint(Path models, Path manifest, int epochs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-Dai.djl.offline=true",
                Main.class.getName()));
        command.addAll(run(models, manifest));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("killed-run.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                Path workDir = workDirWithCheckpoint(models.resolve("finetuned"), epochs);
                if (workDir != null) {
                    return workDir;
                }
                assertThat(child.isAlive()).as("training ended before it could be killed: "
                        + Files.readString(work.resolve("killed-run.log"))).isTrue();
                assertThat(System.nanoTime()).as("no checkpoint within 5 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path workDirWithCheckpoint(Path finetuned, int epochs) throws Exception {
        try (Stream<Path> dirs = Files.list(finetuned)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(".work-")).toList()) {
                Path state = dir.resolve("checkpoint/state.json");
                try {
                    if (Files.isRegularFile(state)
                            && new ObjectMapper().readTree(state.toFile()).path("completedEpochs").asInt() >= epochs) {
                        return dir;
                    }
                } catch (Exception partiallyVisible) {
                    // being swapped in: look again
                }
            }
        }
        return null;
    }

    @Test
    void workDirectoryWithoutACompleteCheckpointIsNamedListedAndRemovable() throws Exception {
        Path models = work.resolve("models-abandoned");
        Path abandoned = models.resolve("finetuned/.work-20260101-000000-seed3");
        Files.createDirectories(abandoned.resolve("best"));
        Files.write(abandoned.resolve("best/tail.bin"), new byte[] {1, 2, 3});
        Files.createDirectories(abandoned.resolve(".checkpoint.tmp123"));
        Files.createFile(abandoned.resolve(".checkpoint.tmp123/tail.bin"));
        List<String> resume = new ArrayList<>(run(models, work.resolve("unused.csv")));
        resume.add("--resume");

        CliRun refused = cli(resume);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Nothing to resume").contains(abandoned.toString())
                .contains("no complete checkpoint").contains("signdigits train --remove-interrupted");

        CliRun listed = cli(List.of("train", "--models-dir", models.toString(), "--list-interrupted"));
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(abandoned.toString()).contains("cannot be resumed");
        assertThat(abandoned).exists();

        CliRun removed = cli(List.of("train", "--models-dir", models.toString(), "--remove-interrupted"));
        assertThat(removed.exit()).isZero();
        assertThat(removed.out()).contains("Removed " + abandoned);
        assertThat(abandoned).doesNotExist();
    }

    @Test
    void differentSettingsAreNamedWithBothValues() {
        String described = SettingsDiff.describe(Map.of("epochs", "20", "seed", "1", "batch_size", "32"),
                Map.of("epochs", "30", "seed", "1", "batch_size", "32"));
        assertThat(described).isEqualTo("--epochs: 20 in the interrupted run, 30 now");
    }
}
