/**
 * TensorFlow Lite files: a bounds-checked reader and a writer of the flatbuffer format (from the
 * schema's documented field layout, no generated code), float16 and int8 quantization of a folded
 * graph, and the operators they use.
 *
 * <p>Uses {@code model} and {@code model.graph}; runs nothing (the runtime binding is {@code runtime.tflite}).
 */
package dev.signdigits.model.tflite;
