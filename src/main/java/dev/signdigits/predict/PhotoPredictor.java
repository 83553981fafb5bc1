package dev.signdigits.predict;

import dev.signdigits.shape.Combination;
import dev.signdigits.SignDigitsException;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandLocator;
import dev.signdigits.hand.HandResult;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import dev.signdigits.runtime.DigitClassifier;

/**
 * Predicts photos given as files or directories (searched recursively for images, sorted), or any
 * stream of {@link PhotoSource}s. A photo that cannot be read or decoded gets its own error line;
 * the others are still predicted. Every decoded photo goes through the model's {@link HandFraming}
 * (read from the model itself, so a model trained on hand crops is always run on hand crops); a
 * photo without a hand is answered "no hand" and not classified.
 *
 * <p>Close it when done: it owns the hand locators of a hand-locator model.
 */
public final class PhotoPredictor implements AutoCloseable {
    private final DigitClassifier classifier;
    private final ImageDecoder decoder;
    private final int batchSize;
    private final HandFraming framing;
    private final boolean ownsFraming;
    private final Combination combination;

    /** With the framing the model records (see {@link #framingOf}). */
    public PhotoPredictor(DigitClassifier classifier, ImageDecoder decoder, int batchSize) {
        this(classifier, decoder, batchSize, framingOf(classifier), true);
    }

    /** With a framing the caller owns (shared by several predictors; it must be the model's, see {@link #framingOf}). */
    public PhotoPredictor(DigitClassifier classifier, ImageDecoder decoder, int batchSize, HandFraming framing) {
        this(classifier, decoder, batchSize, framing, false);
    }

    private PhotoPredictor(DigitClassifier classifier, ImageDecoder decoder, int batchSize, HandFraming framing,
                           boolean owns) {
        if (framing.inputSize() != classifier.info().inputSize()) {
            throw new IllegalArgumentException("the framing is for " + framing.inputSize() + " px, the model reads "
                    + classifier.info().inputSize() + " px");
        }
        this.classifier = classifier;
        this.decoder = decoder;
        this.batchSize = Math.max(1, batchSize);
        this.framing = framing;
        this.ownsFraming = owns;
        this.combination = combinationOf(classifier);
    }

    /**
     * How the model's answer is made from its image network's probabilities: combined with the hand
     * shape and calibrated, as the model records ({@link Combination#IDENTITY} for older models).
     */
    public static Combination combinationOf(DigitClassifier classifier) {
        return Combination.forModel(classifier.info().properties(), "model " + classifier.info().id());
    }

    /**
     * The framing a loaded model must be run with, from what it records about itself (model.json
     * provenance, or the export's metadata); a hand-locator model opens its locator here, and a
     * missing or broken hand model file fails here (exit code 3).
     */
    public static HandFraming framingOf(DigitClassifier classifier) {
        return framingOf(classifier, null);
    }

    /** As {@link #framingOf(DigitClassifier)}, the hand model files from {@code handModelsDir} when not null. */
    public static HandFraming framingOf(DigitClassifier classifier, Path handModelsDir) {
        return framingOf(classifier, handModelsDir, null);
    }

    /**
     * As {@link #framingOf(DigitClassifier, Path)}, with a {@code --hand-locator} value applied
     * ({@link dev.signdigits.hand.HandFramingSpec#choose}: null or {@code model} is the recorded framing).
     */
    public static HandFraming framingOf(DigitClassifier classifier, Path handModelsDir, String requested) {
        return framingOf(classifier, handModelsDir, requested, HandLocator.Settings.DEFAULT.threads());
    }

    /**
     * As {@link #framingOf(DigitClassifier, Path, String)}, each hand locator with {@code threads}
     * TFLite threads (how fast, not what it answers: the recorded settings stay as they are).
     */
    public static HandFraming framingOf(DigitClassifier classifier, Path handModelsDir, String requested, int threads) {
        return HandFraming.forModel(classifier.info().properties(), "model " + classifier.info().id(),
                classifier.info().inputSize(), HandFraming.DEFAULT_MODELS_DIR, handModelsDir, requested, threads);
    }

    public HandFraming framing() {
        return framing;
    }

    @Override
    public void close() {
        if (ownsFraming) {
            framing.close();
        }
    }

    /** Expands directories into their image files; a missing path is an error for the user. */
    public static List<Path> expand(List<Path> inputs) {
        return scan(inputs).photos();
    }

    /** Formats that are photos but that this tool does not decode; a directory scan names them instead of dropping them. */
    public static final java.util.Set<String> UNSUPPORTED_PHOTO_EXTENSIONS =
            java.util.Set.of("heic", "heif", "webp", "avif", "tif", "tiff", "jxl", "jp2", "psd");

    /** What a scan found: the photos to predict, and the files skipped as photos in formats not decoded. */
    public record Scan(List<Path> photos, List<Path> unsupported) {}

    /**
     * Files as given, and directories searched for photos by extension. A file in a photo format
     * that is not decoded (HEIC, WebP, AVIF, ...) is listed in {@link Scan#unsupported()}.
     */
    public static Scan scan(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        List<Path> unsupported = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (ImageFolder.isImageName(name)) {
                            files.add(p);
                        } else if (UNSUPPORTED_PHOTO_EXTENSIONS.contains(extension(name))) {
                            unsupported.add(p);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new SignDigitsException(input + " does not exist: pass image files or directories of images.");
            }
        }
        return new Scan(files, unsupported);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }

    public List<PhotoPrediction> predict(List<Path> files, int topK) {
        List<PhotoPrediction> out = new ArrayList<>(files.size());
        stream(files.stream().map(PhotoSource::of).iterator(), topK).forEachRemaining(out::add);
        return out;
    }

    /**
     * Predicts photos as they are pulled, one forward pass per {@code batchSize} decoded photos, in
     * the order of {@code sources}: only one batch of decoded images is held at a time, so a source
     * of any length streams through (the Spark batch job feeds each partition this way). A photo
     * that cannot be read or decoded yields its error and does not stop the others.
     */
    public Iterator<PhotoPrediction> stream(Iterator<? extends PhotoSource> sources, int topK) {
        return new Iterator<>() {
            private final ArrayDeque<PhotoPrediction> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && sources.hasNext()) {
                    ready.addAll(nextBatch(sources, topK));
                }
                return !ready.isEmpty();
            }

            @Override
            public PhotoPrediction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** Reads sources until {@code batchSize} photos decoded (or none are left), then classifies them. */
    private List<PhotoPrediction> nextBatch(Iterator<? extends PhotoSource> sources, int topK) {
        List<PhotoPrediction> out = new ArrayList<>();
        List<BufferedImage> batch = new ArrayList<>();
        List<HandResult> hands = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (batch.size() < batchSize && sources.hasNext()) {
            PhotoSource source = sources.next();
            FramedPhoto framed;
            try {
                framed = framing.frame(source.decode(decoder));
            } catch (SignDigitsException | UncheckedIOException e) {
                out.add(PhotoPrediction.failed(source.name(), e.getMessage()));
                continue;
            }
            if (!framed.readable()) {
                out.add(PhotoPrediction.noHand(source.name(), (HandResult.NoHand) framed.hand()));
                continue;
            }
            batch.add(framed.image());
            hands.add(framed.hand());
            names.add(source.name());
            slots.add(out.size());
            out.add(null);
        }
        if (!batch.isEmpty()) {
            List<float[]> probabilities = classifier.classify(batch);
            List<String> labels = classifier.info().labels();
            for (int i = 0; i < batch.size(); i++) {
                out.set(slots.get(i), PhotoPrediction.of(names.get(i),
                        combination.apply(probabilities.get(i), hands.get(i)), labels, topK, hands.get(i)));
            }
        }
        return out;
    }
}
