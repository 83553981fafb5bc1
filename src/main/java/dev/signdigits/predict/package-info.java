/**
 * Serving a model: the {@link dev.signdigits.runtime.DigitClassifier} interface, the one image
 * pre-processing, and its runtimes: DJL/PyTorch on a model directory, TFLite and ONNX Runtime on
 * exported files (neither needs PyTorch), opened by name through
 * {@link dev.signdigits.predict.DigitClassifiers}. Also predicting photo files and the runtime
 * benchmark.
 */
package dev.signdigits.predict;

import dev.signdigits.runtime.DigitClassifier;
