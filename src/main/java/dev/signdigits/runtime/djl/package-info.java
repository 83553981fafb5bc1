/**
 * The djl runtime: the fine-tuned model on PyTorch through DJL, as a network with batch norm folded
 * into its convolutions. The only runtime that needs PyTorch's native library.
 *
 * <p>Uses {@code runtime}, the model packages and {@code system} (native setup).
 */
package dev.signdigits.runtime.djl;
