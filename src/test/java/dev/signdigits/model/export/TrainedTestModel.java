package dev.signdigits.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.cli.Main;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One small fine-tuned model shared by every export and runtime test in this JVM, trained for real
 * through the CLI on the mirror data the first time a test asks for it (about a minute). Enough
 * epochs at a higher learning rate that its predictions are confident: quantization is judged on
 * a model that has learned something, not on near-ties of an untrained head.
 */
public final class TrainedTestModel {
    public static final Path DATA = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static Path dir;

    private TrainedTestModel() {}

    /** {@code <tmp>/models/finetuned/latest} of the shared run. */
    public static synchronized Path directory() {
        if (dir == null) {
            dir = train();
        }
        return dir;
    }

    /** A copy of the model's files in {@code target} (for tests that write into or edit a model directory). */
    public static Path copyTo(Path target) {
        Path source = directory();
        try {
            Files.createDirectories(target);
            for (String file : new String[] {"model.json", "model.params", "labels.txt", "split.csv", "provenance.json"}) {
                Files.copy(source.resolve(file), target.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static Path train() {
        NativeSetup.beforeFirstDjlCall();
        Path work;
        try {
            work = Files.createTempDirectory("signdigits-export-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicFiles.deleteRecursively(work)));
        var cli = Main.newCommandLine(new EnvironmentDefaults(Map.of(), DotEnv.empty()));
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("train", "--data-dir", DATA.toString(), "--manifest", work.resolve("split.csv").toString(),
                "--models-dir", work.resolve("models").toString(), "--backbone", "mobilenet_v1_0.5_160",
                "--input-size", "128", "--epochs", "10", "--learning-rate", "0.003", "--augment-copies", "1",
                "--patience", "50", "--seed", "42", "--hand-locator", "off");
        assertThat(exit).as("training the shared test model: " + err).isZero();
        return work.resolve("models/finetuned/latest");
    }
}
