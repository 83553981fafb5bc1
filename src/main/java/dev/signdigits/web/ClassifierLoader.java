package dev.signdigits.web;

import dev.signdigits.runtime.DigitClassifier;
import java.nio.file.Path;

/**
 * Turns a model directory into a ready classifier. The service calls it at start and on every
 * reload, with a directory it resolved itself (never a path from a request).
 */
@FunctionalInterface
public interface ClassifierLoader {

    /** Loads the model in {@code modelDir}; throws SignDigitsException naming the directory when it cannot. */
    DigitClassifier load(Path modelDir);
}
