/**
 * Exporting a fine-tuned model to files other runtimes serve: TFLite (float32, float16, int8 with
 * calibration on the model's training photos) and ONNX. Each file carries an
 * {@link dev.signdigits.model.store.ExportMetadata} document (labels, input size and layout,
 * normalization, provenance summary) that the serving runtimes read back.
 */
package dev.signdigits.model.export;

import dev.signdigits.model.store.ExportMetadata;
