/**
 * Running a model on photos: choosing and opening a runtime by name
 * ({@link dev.signdigits.predict.InferenceRuntime}, {@link dev.signdigits.predict.DigitClassifiers},
 * {@code auto} via {@link dev.signdigits.predict.RuntimeSelector}), predicting photo files
 * ({@link dev.signdigits.predict.PhotoPredictor}), ranking probabilities
 * ({@link dev.signdigits.predict.Ranking}) and the confidence floor below which an answer is "not
 * sure" ({@link dev.signdigits.predict.ConfidenceFloor}).
 *
 * <p>Uses the runtimes and the model and data packages below them.
 */
package dev.signdigits.predict;
