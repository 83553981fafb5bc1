/**
 * Evaluation as a service of the core ({@code signdigits evaluate} is a thin shell over it): choose
 * the photos, run a model on any runtime, write the evaluation files and report.html. Uses
 * {@code predict} to run models, {@code eval} for the numbers and {@code report} to render them.
 */
package dev.signdigits.evaluate;
