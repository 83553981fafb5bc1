/**
 * A second opinion from the hand's shape: a small network that reads the digit from the 21
 * landmarks the hand locator found, blind to the background, the light and the skin tone, and the
 * calibrated combination of its answer with the image model's.
 *
 * <p>{@link dev.signdigits.shape.HandShape} turns a hand into position-, scale- and
 * rotation-free features (left hands mirrored to right); {@link dev.signdigits.shape.ShapeTrainer}
 * trains a {@link dev.signdigits.shape.ShapeNetwork} on them in the same {@code train} run as the
 * image model; {@link dev.signdigits.shape.CombinationFit} chooses on the validation split how much
 * the shape counts and the temperature that calibrates the result; {@link dev.signdigits.shape.Combination}
 * applies both wherever a model reads a photo. The network is tiny (42-64-10), so it runs in plain
 * Java; its TFLite and ONNX exports are for apps.
 */
package dev.signdigits.shape;
