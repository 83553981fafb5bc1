/**
 * The command line (picocli): the only place that parses flags, prints, and turns a
 * {@link dev.signdigits.SignDigitsException} into one sentence and an exit code. Commands are thin
 * shells over the core packages.
 *
 * <p>May use every other package.
 */
package dev.signdigits.cli;
