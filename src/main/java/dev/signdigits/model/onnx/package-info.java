/**
 * ONNX export: a small protobuf message writer and the ModelProto for a folded classifier, written
 * from the field numbers of the ONNX specification (no generated code, no onnx.proto). The file is
 * verified by ONNX Runtime in tests and served by the onnx runtime ({@code runtime.onnx}).
 */
package dev.signdigits.model.onnx;
