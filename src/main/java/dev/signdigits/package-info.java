/**
 * The Java API for applications that embed signdigits: {@link dev.signdigits.SignDigits} opens a
 * trained model as a {@link dev.signdigits.DigitReader}, which reads the digit in a photo as a
 * {@link dev.signdigits.DigitReading}; user errors are {@link dev.signdigits.SignDigitsException}s.
 * These classes are the supported API; every subpackage is the tool's own implementation and may
 * change between versions.
 */
package dev.signdigits;
