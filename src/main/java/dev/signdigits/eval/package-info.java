/**
 * Evaluation of a classifier on a set of labelled photos: from per-photo probabilities
 * ({@link dev.signdigits.eval.Scored}) to an immutable {@link dev.signdigits.eval.Evaluation}
 * (accuracy, per-class and per-group metrics, confusion matrix, mistakes), plus the per-epoch
 * training metrics and their CSV file. Pure computation and data: rendering lives in
 * {@code dev.signdigits.report}.
 */
package dev.signdigits.eval;
