/**
 * The dataset layer: reading image-folder datasets ({@link dev.signdigits.data.ImageFolder},
 * {@link dev.signdigits.data.DatasetIndex}) and decoding them in parallel with the one decoder of
 * {@code image} ({@link dev.signdigits.data.BulkDecoder}), bad files reported, not fatal. Splits,
 * fetching and dataset reports live in subpackages.
 *
 * <p>Uses {@code image}, {@code io} and {@code progress}.
 */
package dev.signdigits.data;
