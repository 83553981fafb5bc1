/**
 * TensorFlow Lite files: a bounds-checked reader of the flatbuffer format (written from the
 * schema's documented field layout, no generated code), dequantization of stored weights, and a
 * thin wrapper around the reference TFLite runtime that tests and serving use as an oracle.
 */
package dev.signdigits.model.tflite;
