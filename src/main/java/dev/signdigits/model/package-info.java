/**
 * MobileNet v1/v2 as DJL blocks, built by one factory for training and loading (DJL parameter
 * files are positional), the import of ImageNet weights from TFLite files, and the stored form of
 * an imported backbone ({@code models/raw/<name>/}: parameters plus metadata.json).
 *
 * <p>Networks are flat, ordered lists of {@link dev.signdigits.model.NamedLayer}s with Keras-style
 * names, so training can cut them into a frozen trunk and a fine-tuned tail by index or name.
 */
package dev.signdigits.model;
