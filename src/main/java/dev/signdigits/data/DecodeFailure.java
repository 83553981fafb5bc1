package dev.signdigits.data;

import dev.signdigits.image.ImageDecodeException.Reason;

/**
 * A photo that was skipped.
 *
 * @param file    path relative to the dataset root
 * @param reason  why
 * @param message the one-sentence explanation
 */
public record DecodeFailure(String file, Reason reason, String message) {}
