/**
 * The dataset layer: decoding photos robustly ({@link dev.signdigits.image.ImageDecoder}: format
 * sniffing, pixel cap, subsampling, EXIF orientation, 8-bit RGB), reading image-folder datasets
 * ({@link dev.signdigits.data.ImageFolder}, {@link dev.signdigits.data.DatasetIndex}) and decoding
 * them in parallel ({@link dev.signdigits.data.BulkDecoder}). Used by training, prediction and the
 * web server alike, so that all three see the same pixels.
 */
package dev.signdigits.data;
