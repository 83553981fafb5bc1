package dev.signdigits;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.PhotoPrediction;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open model that reads the digit shown in photos. Made by {@link SignDigits#open(Path)}.
 *
 * <p>Photos given as files or bytes are decoded as the command line and the web service decode
 * them: JPEG, PNG, BMP or GIF, turned upright by their EXIF orientation, CMYK and 16-bit converted,
 * images over the pixel limit refused. Every read prepares the image (square crop, resize,
 * normalization) as the model was trained; a model trained with the hand locator finds the hand
 * first and reads its crop, and a photo without a hand gives a reading with no digit and
 * {@link DigitReading#hand()} saying why.
 *
 * <p><b>Thread-safety:</b> a reader may be shared by any number of threads. The {@code djl} runtime
 * runs one call at a time (PyTorch already uses every core for one call), the {@code tflite*}
 * runtimes run as many calls at once as the {@link SignDigits.Options#concurrency() concurrency}
 * they were opened with, and {@code onnx} runs calls concurrently. Close the reader once, after
 * its last read: closing frees the model's native memory, and reads after that fail.
 */
public final class DigitReader implements AutoCloseable {
    private static final String BYTES_NAME = "the image";

    private final DigitClassifier classifier;
    private final HandFraming framing;
    private final dev.signdigits.shape.Combination combination;
    private final ImageDecoder decoder = new ImageDecoder();
    private volatile boolean closed;

    DigitReader(DigitClassifier classifier) {
        this.classifier = classifier;
        try {
            this.combination = PhotoPredictor.combinationOf(classifier);  // before the locators it would leak
            this.framing = PhotoPredictor.framingOf(classifier);
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /**
     * Reads one photo file.
     *
     * @param photo an image file
     * @return the digit it shows, with every label ranked
     * @throws SignDigitsException when the file does not exist or cannot be read or decoded; the
     *                             message names the file and the reason
     */
    public DigitReading read(Path photo) {
        return readAll(List.of(photo)).get(0);
    }

    /**
     * Reads one photo held in memory, e.g. an upload.
     *
     * @param image the encoded image (JPEG, PNG, BMP or GIF bytes)
     * @return the digit it shows, with every label ranked
     * @throws SignDigitsException when the bytes are not an image this tool can decode
     */
    public DigitReading read(byte[] image) {
        Objects.requireNonNull(image, "image");
        return classify(List.of(decoder.decode(image, BYTES_NAME).rgb())).get(0);
    }

    /**
     * Reads an image already decoded, taken as upright (no EXIF orientation is applied);
     * transparent pixels are read as white.
     *
     * @param image any image type
     * @return the digit it shows, with every label ranked
     */
    public DigitReading read(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return classify(List.of(ImageDecoder.toRgb(image))).get(0);
    }

    /**
     * Reads several photo files in one pass of the model, which is faster per photo than one
     * {@link #read(Path)} each.
     *
     * @param photos image files; all of them are decoded before the model runs, so pass batches
     *               of a size that fits in memory (a few dozen)
     * @return one reading per photo, in order
     * @throws SignDigitsException when any photo does not exist or cannot be read or decoded; the
     *                             message names the first such file
     */
    public List<DigitReading> readAll(List<Path> photos) {
        List<BufferedImage> images = new ArrayList<>(photos.size());
        for (Path photo : photos) {
            images.add(decoder.decode(Objects.requireNonNull(photo, "photo")).rgb());
        }
        return classify(images);
    }

    /**
     * The labels the model tells apart, in its output order.
     *
     * @return "0" to "9" for a signdigits model
     */
    public List<String> labels() {
        return classifier.info().labels();
    }

    /**
     * The runtime that runs the model: {@code djl}, {@code tflite}, {@code tflite-float16},
     * {@code tflite-int8} or {@code onnx} ({@code auto} has been resolved to one of them).
     *
     * @return the runtime's name
     */
    public String runtime() {
        return classifier.info().runtime();
    }

    /**
     * The model's identifier: the id of the training run that made it.
     *
     * @return the model id
     */
    public String modelId() {
        return classifier.info().id();
    }

    /** Frees the model's native memory; reads after this fail with an {@link IllegalStateException}. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            framing.close();
            classifier.close();
        }
    }

    private List<DigitReading> classify(List<BufferedImage> images) {
        if (closed) {
            throw new IllegalStateException("This DigitReader is closed; open the model again to read more photos.");
        }
        List<String> labels = classifier.info().labels();
        List<FramedPhoto> framed = new ArrayList<>(images.size());
        List<BufferedImage> readable = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            FramedPhoto f = framing.frame(image);
            framed.add(f);
            if (f.readable()) {
                readable.add(f.image());
            }
        }
        List<float[]> probabilities = readable.isEmpty() ? List.of() : classifier.classify(readable);
        List<DigitReading> readings = new ArrayList<>(images.size());
        int next = 0;
        for (FramedPhoto f : framed) {
            if (!f.readable()) {
                readings.add(new DigitReading(null, Double.NaN, List.of(), f.handResult()));
                continue;
            }
            PhotoPrediction ranked = PhotoPrediction.of(null,
                    combination.apply(probabilities.get(next++), f.hand()), labels, labels.size());
            readings.add(new DigitReading(ranked.digit(), ranked.confidence(), ranked.topK().stream()
                    .map(r -> new DigitReading.Candidate(r.label(), r.probability())).toList(), f.handResult()));
        }
        return readings;
    }
}
