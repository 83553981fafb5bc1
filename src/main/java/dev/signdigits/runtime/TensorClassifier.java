package dev.signdigits.runtime;

import java.util.List;

/**
 * Optional capability of a {@link DigitClassifier}: classify input that is already pre-processed,
 * as the model's metadata describes it (float32, NCHW, {@code 3 x inputSize x inputSize}). The web
 * service offers KServe v2 FP32 input only for classifiers that implement this; the rest stay
 * image-based.
 */
public interface TensorClassifier {

    /**
     * Probabilities for {@code n} images packed row-major as {@code [n, 3, size, size]}.
     *
     * @param nchw the tensor data, {@code n * 3 * size * size} finite values
     * @param n    how many images the tensor holds
     */
    List<float[]> classifyTensor(float[] nchw, int n);
}
