package dev.signdigits.runtime;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The one small interface every runtime (DJL, TFLite, ONNX) implements: decoded, upright RGB
 * images in, one probability vector per image out. Implementations own their pre-processing
 * (resize, normalization) as the model's metadata describes it, and must be safe to call from
 * several threads (a pool of native predictors, or a lock).
 */
public interface DigitClassifier extends AutoCloseable {

    /** What is being served: name, labels, input size, provenance summary. */
    ModelInfo info();

    /** Probabilities over {@code info().labels()} for each image, in order. */
    List<float[]> classify(List<BufferedImage> images);

    @Override
    void close();
}
