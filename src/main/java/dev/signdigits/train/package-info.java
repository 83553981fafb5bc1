/**
 * {@code signdigits train}: loading and framing the split's photos, caching the frozen layers'
 * features per augmented variant, fine-tuning the tail with Adam, checkpoints and resume, and the
 * run's artifacts (model, provenance, metrics, curves, evaluation, report, int8 export).
 *
 * <p>Uses everything below it: data, image, model, runtimes, predict, eval, report, evaluate.
 */
package dev.signdigits.train;
