/**
 * Importing ImageNet MobileNet weights from TFLite files (recognizing the graph, matching its
 * folded convolutions to our layers) and finding those files: a local copy, the offline mirror
 * {@code ../shared/pretrained}, else a download with a pinned SHA-256; the imported backbone's
 * stored form under {@code models/raw/<name>/}.
 *
 * <p>Uses {@code model}, {@code model.store}, {@code model.tflite} (reading) and {@code io}.
 */
package dev.signdigits.model.backbone;
