/**
 * The one image pipeline, below everything that reads photos: robust decoding
 * ({@link dev.signdigits.image.ImageDecoder}: format sniffing, pixel caps, subsampling, CMYK, 16-bit,
 * alpha, EXIF orientation, to 8-bit RGB), the one resampling routine
 * ({@link dev.signdigits.image.Resampling}) and the model's input preparation
 * ({@link dev.signdigits.image.ModelInput}), so that training, evaluation, prediction, serving,
 * batch, calibration and export see the same pixels and tensors.
 *
 * <p>Uses the JDK (ImageIO, Java2D) and TwelveMonkeys' JPEG reader only.
 */
package dev.signdigits.image;
