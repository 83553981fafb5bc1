package dev.signdigits.data;

/**
 * One photo of a dataset.
 *
 * @param relativePath path below the dataset root with forward slashes, e.g. {@code 7/IMG_5874.JPG}
 * @param label        index into {@link DatasetIndex#labels()} (for the full dataset, the digit itself)
 */
public record LabeledFile(String relativePath, int label) {}
