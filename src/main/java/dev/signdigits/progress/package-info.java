/**
 * Progress bars with rate and ETA for long work, on a terminal or as plain log lines.
 *
 * <p>Uses the JDK only.
 */
package dev.signdigits.progress;
