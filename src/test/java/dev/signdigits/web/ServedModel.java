package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * What a web test serves, and what the test needs to know about it: how to lay out a model
 * directory the loader opens, the model's id and input size, and photos it classifies right.
 * {@link RuntimeModel} is the real fine-tuned model on one runtime (the runtime-parameterized
 * suites); {@link StandInModel} is the deterministic stand-in for tests of protocol mechanics.
 */
interface ServedModel {

    /** The runtime name the server reports, e.g. "tflite-int8". */
    String runtime();

    /** The model id the server reports as the version. */
    String modelId();

    /** Creates {@code parent/name}, a model directory that {@link #loader()} opens. */
    Path createModelDir(Path parent, String name);

    ClassifierLoader loader();

    /** Opens the framing each loaded model records: the hand model files from the local copy or the offline mirror. */
    default FramingOpener framings() {
        return FramingOpener.recorded(null);
    }

    /** A photo of {@code digit} this model classifies right. */
    Path photo(int digit);

    /** The square input edge of the FP32 tensor input. */
    int inputSize();

    /** {@code image} pre-processed as the model's FP32 input expects: NCHW, {@code 3 x size x size}. */
    float[] tensor(BufferedImage image);

    /** How far the ten probabilities may sum from 1 (int8 outputs come in steps of 1/256). */
    double probabilitySumTolerance();
}
