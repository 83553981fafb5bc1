/**
 * What users look at after training or evaluation: renderers of an
 * {@link dev.signdigits.eval.Evaluation} as text, JSON, PNG charts and a self-contained HTML report.
 * Renderers return strings or images; the {@code write} methods put them on disk atomically.
 */
package dev.signdigits.report;
