/**
 * What every runtime implements: {@link dev.signdigits.runtime.DigitClassifier} (decoded photos in,
 * probabilities out, thread-safe), the tensor-level {@link dev.signdigits.runtime.TensorClassifier},
 * and the {@link dev.signdigits.runtime.ModelInfo} they describe themselves with. Each runtime and
 * its native binding live in a subpackage: {@code djl}, {@code tflite}, {@code onnx}.
 *
 * <p>Uses {@code image} (input preparation) and {@code model.store}.
 */
package dev.signdigits.runtime;
