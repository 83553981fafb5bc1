/**
 * The onnx runtime: an exported ONNX file on Microsoft's ONNX Runtime.
 *
 * <p>Uses {@code runtime} and {@code model.store}.
 */
package dev.signdigits.runtime.onnx;
