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
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> ImageFolder.isImageName(p.getFileName().toString()))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new SignDigitsException(input + " does not exist: pass image files or directories of images.");
            }
        }
        return files;
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
