package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.cli.Main;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.eval.MetricsCsv;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.djl.DjlDigitClassifier;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real, small fine-tune on the mirror data through the CLI: accuracy well above chance, every
 * artifact present and reloadable, predict on real photos, and a run killed with SIGKILL that
 * --resume finishes with the same number of epochs.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainEndToEndTest {
    static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    static final int EPOCHS = 4;

    @TempDir
    static Path work;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    static List<String> smallRun(Path modelsDir, Path manifest) {
        return List.of("train", "--data-dir", MIRROR.toString(), "--manifest", manifest.toString(),
                "--models-dir", modelsDir.toString(), "--backbone", "mobilenet_v1_0.25_128", "--input-size", "128",
                "--epochs", Integer.toString(EPOCHS), "--augment-copies", "2", "--patience", "50", "--seed", "7",
                // 4 epochs of 2 variants per photo cannot spare degraded ones (TinyModel trains through them)
                "--degrade-share", "0",
                "--hand-locator", "off"); // the hand-locator path: TinyModel.handDir() and HandLocatorModelTest
    }

    private static CliRun cli(List<String> args) {
        return CliRun.of(args);
    }

    @Test
    @Order(1)
    void trainsEvaluatesAndLeavesReloadableArtifacts() throws Exception {
        Path models = work.resolve("models");
        CliRun run = cli(smallRun(models, work.resolve("split.csv")));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Test accuracy (people unseen in training):");

        Path latest = models.resolve("finetuned/latest");
        assertThat(latest).isDirectory();
        for (String file : List.of("model.json", "model.params", "labels.txt", "config.json", "provenance.json",
                "metrics.csv", "loss.png", "accuracy.png", "evaluation.json", "evaluation.txt", "confusion.png",
                "misclassified.png", "report.html", "split.csv")) {
            assertThat(latest.resolve(file)).as(file).isNotEmptyFile();
        }
        JsonNode evaluation = new ObjectMapper().readTree(latest.resolve("evaluation.json").toFile());
        double accuracy = evaluation.path("accuracy").asDouble();
        assertThat(accuracy).as("test accuracy with a tiny backbone and 4 epochs").isGreaterThan(0.5);
        assertThat(MetricsCsv.read(latest.resolve("metrics.csv"))).hasSize(EPOCHS);
        JsonNode provenance = new ObjectMapper().readTree(latest.resolve("provenance.json").toFile());
        assertThat(provenance.path("dataset_sha256").asText()).hasSize(64);
        assertThat(provenance.path("base_weights_sha256").asText()).hasSize(64);
        checkInt8ExportAndItsRecordedAccuracy(latest, accuracy, provenance, evaluation);

        // The model reloads and predicts real photos; most are right.
        List<Path> photos = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            try (Stream<Path> files = Files.list(MIRROR.resolve(Integer.toString(digit)))) {
                files.sorted().limit(3).forEach(photos::add);
            }
        }
        try (DjlDigitClassifier classifier = DjlDigitClassifier.open(latest)) {
            List<PhotoPrediction> predictions = new PhotoPredictor(classifier, new ImageDecoder(), 8).predict(photos, 3);
            long right = predictions.stream()
                    .filter(p -> p.digit().equals(Path.of(p.file()).getParent().getFileName().toString())).count();
            assertThat(right).as("correct of 30 photos").isGreaterThan(15);
            assertThat(predictions).allSatisfy(p -> assertThat(p.topK()).hasSize(3));
        }
    }

    /** train exports model-int8.tflite and records how it did on the test split: recounted here independently. */
    private static void checkInt8ExportAndItsRecordedAccuracy(Path latest, double floatAccuracy, JsonNode provenance,
                                                              JsonNode evaluation) throws Exception {
        Path int8File = latest.resolve("model-int8.tflite");
        assertThat(int8File).isNotEmptyFile();
        Int8Accuracy int8 = Int8Accuracy.fromProvenance(FinetunedModel.readMetadata(latest).provenance()).orElseThrow();
        assertThat(int8.sha256()).isEqualTo(Sha256.of(int8File));
        assertThat(int8.floatAccuracy()).isCloseTo(floatAccuracy, within(1e-4));
        assertThat(provenance.path("int8_test_accuracy").asText()).isEqualTo(int8.toProvenance().get("int8_test_accuracy"));
        assertThat(evaluation.path("meta").path("int8").path("int8_test_correct").asText()).isEqualTo(int8.correct() + "/" + int8.count());
        assertThat(Files.readString(latest.resolve("report.html"))).contains("int8_test_accuracy").contains("int8 export and test");

        List<ManifestEntry> test = SplitManifest.read(latest.resolve("split.csv")).entries(Split.TEST);
        ImageDecoder decoder = new ImageDecoder();
        int correct = 0;
        try (TfliteDigitClassifier classifier = TfliteDigitClassifier.open(int8File)) {
            for (ManifestEntry photo : test) {
                float[] p = classifier.classify(List.of(decoder.decode(MIRROR.resolve(photo.file())).rgb())).get(0);
                int best = 0;
                for (int i = 1; i < p.length; i++) {
                    best = p[i] > p[best] ? i : best;
                }
                correct += classifier.info().labels().get(best).equals(photo.label()) ? 1 : 0;
            }
        }
        assertThat(int8.count()).isEqualTo(test.size());
        assertThat(int8.correct()).as("int8 photos right, recorded vs recounted").isEqualTo(correct);
    }

    @Test
    @Order(2)
    void resumeAfterKillFinishesTheSameNumberOfEpochs() throws Exception {
        Path models = work.resolve("models-resume");
        Path manifest = work.resolve("split-resume.csv");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-Dai.djl.offline=true",
                Main.class.getName()));
        command.addAll(smallRun(models, manifest));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("killed-run.log").toFile()).start();
        Path finetuned = models.resolve("finetuned");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (completedEpochs(finetuned) < 1) {
                assertThat(child.isAlive()).as("training ended before it could be killed: "
                        + Files.readString(work.resolve("killed-run.log"))).isTrue();
                assertThat(System.nanoTime()).as("no checkpoint within 5 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(models.resolve("finetuned/latest")).doesNotExist();

        List<String> resume = new ArrayList<>(smallRun(models, manifest));
        resume.add("--resume");
        CliRun run = cli(resume);
        assertThat(run.exit()).as(run.err()).isZero();
        Path latest = models.resolve("finetuned/latest");
        var epochs = MetricsCsv.read(latest.resolve("metrics.csv"));
        assertThat(epochs).extracting(e -> e.epoch()).containsExactly(1, 2, 3, 4);
        assertThat(run.out()).contains(EPOCHS + " epochs");
    }

    @Test
    @Order(3)
    void sigtermStopsAtAStepBoundaryAndLeavesTheRunResumable() throws Exception {
        Path models = work.resolve("models-sigterm");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-Dai.djl.offline=true",
                "-XX:ErrorFile=" + work.resolve("hs_err_sigterm.log"), Main.class.getName()));
        List<String> longRun = new ArrayList<>(smallRun(models, work.resolve("split-sigterm.csv")));
        longRun.set(longRun.indexOf("--epochs") + 1, "200"); // cannot finish before the signal
        command.addAll(longRun);
        Path log = work.resolve("sigterm-run.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path finetuned = models.resolve("finetuned");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (completedEpochs(finetuned) < 1) {
                assertThat(child.isAlive()).as("training ended early: " + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no checkpoint within 5 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isEqualTo(StopRequest.STOPPED);
        assertThat(output).contains("Training stopped by SIGTERM").contains("--resume").doesNotContain("SIGSEGV");
        assertThat(work.resolve("hs_err_sigterm.log")).doesNotExist();
        assertThat(completedEpochs(finetuned)).isGreaterThanOrEqualTo(1);
        assertThat(models.resolve("finetuned/latest")).doesNotExist();
    }

    private static int completedEpochs(Path finetuned) throws Exception {
        if (!Files.isDirectory(finetuned)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(finetuned)) {
            for (Path dir : dirs.toList()) {
                Path state = dir.resolve("checkpoint/state.json");
                if (Files.isRegularFile(state)) {
                    try {
                        return new ObjectMapper().readTree(state.toFile()).path("completedEpochs").asInt();
                    } catch (Exception partiallyVisible) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }
}
