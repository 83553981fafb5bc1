package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;
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
 * the others are still predicted.
 */
public final class PhotoPredictor {
    private final DigitClassifier classifier;
    private final ImageDecoder decoder;
    private final int batchSize;

    public PhotoPredictor(DigitClassifier classifier, ImageDecoder decoder, int batchSize) {
        this.classifier = classifier;
        this.decoder = decoder;
        this.batchSize = Math.max(1, batchSize);
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
        List<Integer> slots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (batch.size() < batchSize && sources.hasNext()) {
            PhotoSource source = sources.next();
            try {
                batch.add(source.decode(decoder));
                names.add(source.name());
                slots.add(out.size());
                out.add(null);
            } catch (SignDigitsException | UncheckedIOException e) {
                out.add(PhotoPrediction.failed(source.name(), e.getMessage()));
            }
        }
        if (!batch.isEmpty()) {
            List<float[]> probabilities = classifier.classify(batch);
            List<String> labels = classifier.info().labels();
            for (int i = 0; i < batch.size(); i++) {
                out.set(slots.get(i), PhotoPrediction.of(names.get(i), probabilities.get(i), labels, topK));
            }
        }
        return out;
    }
}
