/**
 * The hand locator's answer for every photo of a dataset, located once and kept: a cache file
 * beside the split manifest ({@code data/processed/hand-locations/}), keyed by everything that
 * changes the answer (the locator's models, thresholds and code) and, per photo, by its path, size
 * and modification time. {@code data stats} and {@code train} share it, so a train after a stats
 * (or a second stats) locates nothing again.
 *
 * <p>Uses {@code data}, {@code hand} and {@code io}.
 */
package dev.signdigits.data.hands;
