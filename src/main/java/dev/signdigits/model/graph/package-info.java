/**
 * A trained network reduced to what inference needs, independent of DJL and of any file format:
 * convolutions with batch norm folded in (weights and bias), optional ReLU6, residual adds, global
 * average pooling and the dense classifier. The TFLite and ONNX writers translate this graph;
 * nothing here depends on PyTorch.
 */
package dev.signdigits.model.graph;
