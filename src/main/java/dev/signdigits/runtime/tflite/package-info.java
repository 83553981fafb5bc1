/**
 * The TFLite runtimes (float32, float16, int8 exports): the binding to the real TensorFlow Lite
 * runtime ({@link dev.signdigits.runtime.tflite.TfliteInterpreter}, also the oracle of tests and the
 * calibrator) and the classifier that serves an exported file with a pool of interpreters.
 *
 * <p>Uses {@code runtime}, {@code model.store} and {@code model.tflite} (reading the metadata).
 */
package dev.signdigits.runtime.tflite;
