package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Predicts photos given as files or directories (searched recursively for images, sorted). A file
 * that cannot be read or decoded gets its own error line; the others are still predicted.
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
        List<String> names = new ArrayList<>();
        List<BufferedImage> batch = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (Path file : files) {
            String name = file.toString();
            try {
                batch.add(decoder.decode(file).rgb());
                names.add(name);
                slots.add(out.size());
                out.add(null);
            } catch (SignDigitsException | UncheckedIOException e) {
                out.add(PhotoPrediction.failed(name, e.getMessage()));
            }
            if (batch.size() == batchSize) {
                flush(batch, names, slots, out, topK);
            }
        }
        flush(batch, names, slots, out, topK);
        return out;
    }

    private void flush(List<BufferedImage> batch, List<String> names, List<Integer> slots, List<PhotoPrediction> out,
                       int topK) {
        if (batch.isEmpty()) {
            return;
        }
        List<float[]> probabilities = classifier.classify(batch);
        for (int i = 0; i < batch.size(); i++) {
            out.set(slots.get(i), PhotoPrediction.of(names.get(i), probabilities.get(i), classifier.info().labels(), topK));
        }
        batch.clear();
        names.clear();
        slots.clear();
    }
}
