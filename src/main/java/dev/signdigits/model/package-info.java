/**
 * The network architecture: MobileNet v1/v2 as DJL blocks, built by one factory for training and
 * loading (DJL parameter files are positional), with Keras-style layer names so training can cut a
 * network into a frozen trunk and a fine-tuned tail; TF-SAME padding, fused convolution + batch
 * norm, channels-last copies, and the preprocessing record a model carries.
 *
 * <p>Uses {@code image} and DJL only: no file format, no runtime.
 */
package dev.signdigits.model;
