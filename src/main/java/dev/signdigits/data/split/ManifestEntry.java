package dev.signdigits.data.split;

/**
 * One photo in a split manifest.
 *
 * @param file  path relative to the dataset root, forward slashes
 * @param label class name (the digit, "0".."9")
 * @param group the photo session it belongs to; photos of one group are always in one split
 * @param split where it goes
 */
public record ManifestEntry(String file, String label, String group, Split split) {}
