package dev.signdigits.testing;

import dev.signdigits.cli.Main;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.djl.DjlDigitClassifier;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real fine-tuned model for tests that need one (serving, export): trained once per test JVM by
 * the real `train` command on the mirror data with the smallest backbone (MobileNet v1 0.25 at
 * 128 px, a few epochs, under a minute, whole photos: {@code --hand-locator off}), then shared. Not a stand-in: it is what a user gets from
 * a short run, only less accurate.
 */
public final class TinyModel {
    public static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static final Path ROOT = Path.of("target", "test-models", "tiny");
    private static final Path HAND_ROOT = Path.of("target", "test-models", "tiny-hand");
    private static Path dir;
    private static Path handDir;

    private TinyModel() {}

    /** The model directory ({@code models/finetuned/latest} of the tiny run). */
    public static synchronized Path dir() {
        if (dir == null) {
            dir = train(ROOT, "--hand-locator", "off");
        }
        return dir;
    }

    /**
     * The same tiny model trained with {@code --hand-locator auto} (on hand crops; every photo is
     * located once, about a minute more), for tests of the hand-locating path.
     */
    public static synchronized Path handDir() {
        if (handDir == null) {
            // with the run's robustness section, so CI goes through train --robustness end to end
            handDir = train(HAND_ROOT, "--hand-locator", "auto", "--robustness");
        }
        return handDir;
    }

    /** The first photos of {@code digit} (sorted by name) that the tiny model classifies right. */
    public static List<Path> correctlyClassified(int digit, int count) {
        List<Path> photos;
        try (Stream<Path> files = Files.list(MIRROR.resolve(Integer.toString(digit)))) {
            photos = files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DjlDigitClassifier classifier = DjlDigitClassifier.open(dir())) {
            List<PhotoPrediction> predictions = new PhotoPredictor(classifier, new ImageDecoder(), 16).predict(photos, 1);
            return predictions.stream()
                    .filter(p -> p.ok() && p.digit().equals(Integer.toString(digit)) && p.confidence() > 0.6)
                    .limit(count).map(p -> Path.of(p.file())).toList();
        }
    }

    private static Path train(Path root, String... extra) {
        NativeSetup.beforeFirstDjlCall();
        Path models = root.resolve("models");
        Path latest = models.resolve("finetuned").resolve("latest");
        dev.signdigits.io.AtomicFiles.deleteRecursively(root);
        var cli = Main.newCommandLine(new EnvironmentDefaults(Map.of(), DotEnv.empty()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data-dir", MIRROR.toString(), "--manifest",
                root.resolve("split.csv").toString(), "--models-dir", models.toString(), "--backbone",
                "mobilenet_v1_0.25_128", "--input-size", "128", "--epochs", "6", "--augment-copies", "2", "--seed", "3",
                // with one augmented variant per photo, a grey one costs this tiny model the few 7s it reads right;
                // the hand model keeps the default background replacement, so CI trains through it end to end
                "--grayscale-share", "0"));
        args.addAll(List.of(extra));
        int exit = cli.execute(args.toArray(String[]::new));
        if (exit != 0 || !Files.isDirectory(latest)) {
            throw new IllegalStateException("training the tiny test model failed (exit " + exit + "): " + err);
        }
        return latest.toAbsolutePath().normalize();
    }
}
