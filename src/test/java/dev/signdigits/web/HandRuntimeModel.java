package dev.signdigits.web;

import dev.signdigits.DigitReader;
import dev.signdigits.DigitReading;
import dev.signdigits.SignDigits;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tiny real model trained with {@code --hand-locator auto} ({@link TinyModel#handDir()}) served
 * by one runtime: the trained model directory with {@code djl}, or the int8 file {@code train}
 * calibrated on hand crops with {@code tflite-int8}. Both record the locator, so both are served
 * with it. Its photos are dataset photos (close-ups) in which the hand is found and the digit read
 * right by the Java API with the same runtime.
 */
final class HandRuntimeModel implements FinetunedServedModel {
    /** The runtimes the hand suites run against. */
    static final List<String> RUNTIMES = List.of("djl", "tflite-int8");
    private static final int CANDIDATES_PER_DIGIT = 20;
    private static final Map<String, HandRuntimeModel> MODELS = new HashMap<>();

    private final String runtime;
    private final String reportedRuntime;
    private final FinetunedMetadata metadata;
    private final Map<Integer, Path> photos;

    private HandRuntimeModel(String runtime, String reportedRuntime, FinetunedMetadata metadata, Map<Integer, Path> photos) {
        this.runtime = runtime;
        this.reportedRuntime = reportedRuntime;
        this.metadata = metadata;
        this.photos = photos;
    }

    static synchronized HandRuntimeModel of(String runtime) {
        return MODELS.computeIfAbsent(runtime, HandRuntimeModel::open);
    }

    private static HandRuntimeModel open(String runtime) {
        Path dir = TinyModel.handDir();
        Map<Integer, Path> chosen = new HashMap<>();
        try (DigitReader reader = SignDigits.options().runtime(runtime).open(dir)) {
            for (int digit = 0; digit <= 9; digit++) {
                for (Path candidate : candidates(digit)) {
                    DigitReading reading = reader.read(candidate);
                    if (Integer.toString(digit).equals(reading.digit()) && reading.probability() > 0.6
                            && reading.hand().isPresent()) {
                        chosen.put(digit, candidate);
                        break;
                    }
                }
            }
        }
        String reported;
        try (var classifier = DigitClassifiers.open(runtime, dir)) {
            reported = classifier.info().runtime();
        }
        return new HandRuntimeModel(runtime, reported, FinetunedModel.readMetadata(dir), Map.copyOf(chosen));
    }

    private static List<Path> candidates(int digit) {
        try (Stream<Path> files = Files.list(TinyModel.MIRROR.resolve(Integer.toString(digit)))) {
            return files.sorted().limit(CANDIDATES_PER_DIGIT).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String runtime() {
        return reportedRuntime;
    }

    /** A copy of the trained run's top-level files (model, labels, int8 export, config, provenance). */
    @Override
    public Path createModelDir(Path parent, String name) {
        try (Stream<Path> files = Files.list(TinyModel.handDir())) {
            Path dir = Files.createDirectories(parent.resolve(name));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ClassifierLoader loader() {
        return dir -> DigitClassifiers.open(runtime, dir);
    }

    @Override
    public Path photo(int digit) {
        Path photo = photos.get(digit);
        if (photo == null) {
            throw new AssertionError("the tiny hand model (" + runtime + ") reads none of the first "
                    + CANDIDATES_PER_DIGIT + " photos of " + digit + " right");
        }
        return photo;
    }

    /** The runtime name as {@code serve --runtime} takes it. */
    String runtimeOption() {
        return runtime;
    }

    @Override
    public FinetunedMetadata metadata() {
        return metadata;
    }
}
