package dev.signdigits.shape;

import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.BuiltinOptionsWriter;
import dev.signdigits.model.tflite.TensorType;
import dev.signdigits.model.tflite.TfliteBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The hand-shape network as a float32 TFLite flatbuffer, batch 1. FULLY_CONNECTED keeps its
 * weights {@code [out, in]}, so W1 and W2 are stored transposed. The ReLU is its own operator:
 * the project's options writer emits FULLY_CONNECTED without a fused activation, and TFLite
 * (XNNPACK included) computes the same values either way.
 */
final class ShapeTfliteWriter {
    /** Schema BuiltinOperator.RELU; {@link BuiltinOperators} names only the image model's codes. */
    static final int RELU = 19;

    private ShapeTfliteWriter() {}

    static byte[] write(ShapeNetwork net, byte[] metadata, String description) {
        TfliteBuilder b = new TfliteBuilder();
        int input = b.activation(ShapeExports.INPUT, new int[] {1, net.inputs()}, TensorType.FLOAT32, null);
        int hidden = dense(b, "dense1", input, net.inputs(), net.hidden(), net.w1(), net.b1());
        int relu = b.activation("dense1/relu", new int[] {1, net.hidden()}, TensorType.FLOAT32, null);
        b.operator(RELU, 1, new int[] {hidden}, new int[] {relu}, BuiltinOptionsWriter.NONE);
        int logits = dense(b, "dense2", relu, net.hidden(), net.outputs(), net.w2(), net.b2());
        int output = b.activation(ShapeExports.OUTPUT, new int[] {1, net.outputs()}, TensorType.FLOAT32, null);
        b.operator(BuiltinOperators.SOFTMAX, 1, new int[] {logits}, new int[] {output}, BuiltinOptionsWriter.softmax(1f));
        b.metadata(ShapeExports.METADATA_NAME, metadata);
        return b.finish(new int[] {input}, new int[] {output}, description);
    }

    /** {@code x·W + b} for {@code W} row-major by input; returns the output tensor. */
    private static int dense(TfliteBuilder b, String name, int input, int in, int out, float[] w, float[] bias) {
        float[] outByIn = new float[w.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                outByIn[o * in + i] = w[i * out + o];
            }
        }
        int weights = b.constant(name + "/weights", new int[] {out, in}, TensorType.FLOAT32, littleEndian(outByIn), null);
        int biases = b.constant(name + "/bias", new int[] {out}, TensorType.FLOAT32, littleEndian(bias), null);
        int output = b.activation(name, new int[] {1, out}, TensorType.FLOAT32, null);
        b.operator(BuiltinOperators.FULLY_CONNECTED, 1, new int[] {input, weights, biases}, new int[] {output},
                BuiltinOptionsWriter.fullyConnected());
        return output;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }
}
