/**
 * {@code signdigits export}: writes a fine-tuned model as TFLite (float32, float16, or full int8
 * calibrated on its training photos in the real TFLite runtime) or ONNX, each file carrying an
 * {@link dev.signdigits.model.store.ExportMetadata} document, and measures int8 against float.
 *
 * <p>Uses the model packages below it and the TFLite runtime binding ({@code runtime.tflite}) for calibration.
 */
package dev.signdigits.model.export;
