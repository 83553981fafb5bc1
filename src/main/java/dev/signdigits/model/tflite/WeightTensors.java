package dev.signdigits.model.tflite;

import dev.signdigits.model.graph.GraphOp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a layer's constant weight and bias tensors in the model's precision: float32; float16
 * expanded by DEQUANTIZE at load; or int8 weights (per output channel for convolutions, per
 * tensor for the dense layer) with int32 biases, bias-corrected when calibration measured the
 * layer's input means.
 */
final class WeightTensors {
    private final TfliteBuilder b;
    private final TfliteWriter.Precision precision;
    private final ActivationStats stats;

    WeightTensors(TfliteBuilder b, TfliteWriter.Precision precision, ActivationStats stats) {
        this.b = b;
        this.precision = precision;
        this.stats = stats;
    }

    /**
     * The tensor indices {weights, bias} of a convolution.
     *
     * @param weights  the weights already in TFLite's layout ({@code shape})
     * @param input    the input's quantization (int8 models)
     */
    int[] conv(GraphOp.Conv conv, float[] weights, int[] shape, Quantization input) {
        if (precision != TfliteWriter.Precision.INT8) {
            return new int[] {floatConstant(conv.name() + "/weights", shape, weights),
                floatConstant(conv.name() + "/bias", new int[] {conv.outChannels()}, conv.bias())};
        }
        float[] oihw = conv.weights();
        int channels = conv.outChannels();
        float inScale = input.scale(0);
        float[] scales = Int8Quantizer.channelScales(oihw, channels, conv.bias(), inScale);
        int perChannel = weights.length / channels;
        // the output channel is the last axis of depthwise (1, k, k, C) weights, the first of conv (O, k, k, I)
        byte[] q = Int8Quantizer.weights(weights, scales, conv.depthwise() ? i -> i % channels : i -> i / perChannel);
        int weightIndex = b.constant(conv.name() + "/weights", shape, TensorType.INT8, q,
                new Quantization(scales, new long[channels], conv.depthwise() ? 3 : 0));
        int area = conv.kernel() * conv.kernel();
        float[] bias = correctedBias(oihw, scales, conv.bias(), conv.input(),
                conv.depthwise() ? (o, j) -> o : (o, j) -> j / area);
        return new int[] {weightIndex, int32Bias(conv.name(), bias, inScale, scales)};
    }

    /** The tensor indices {weights, bias} of the dense layer. */
    int[] dense(GraphOp.Dense dense, Quantization input) {
        int[] shape = {dense.outFeatures(), dense.inFeatures()};
        if (precision != TfliteWriter.Precision.INT8) {
            return new int[] {floatConstant(dense.name() + "/weights", shape, dense.weights()),
                floatConstant(dense.name() + "/bias", new int[] {dense.outFeatures()}, dense.bias())};
        }
        float inScale = input.scale(0);
        float[] scales = {Int8Quantizer.tensorScale(dense.weights(), dense.bias(), inScale)};
        byte[] q = Int8Quantizer.weights(dense.weights(), scales, i -> 0);
        int weightIndex = b.constant(dense.name() + "/weights", shape, TensorType.INT8, q,
                new Quantization(scales, new long[1], 0));
        float[] bias = correctedBias(dense.weights(), scales, dense.bias(), dense.input(), (o, j) -> j);
        return new int[] {weightIndex, int32Bias(dense.name(), bias, inScale, scales)};
    }

    /** The bias with the average error of the rounded weights removed, when calibration measured the input's means. */
    private float[] correctedBias(float[] channelMajor, float[] scales, float[] bias, int input,
                                  Int8Quantizer.InputChannel inputOf) {
        float[] means = stats.channelMeans(input);
        return means == null ? bias : Int8Quantizer.correctedBias(channelMajor, scales, bias, means, inputOf);
    }

    private int int32Bias(String name, float[] bias, float inputScale, float[] weightScales) {
        float[] scales = Int8Quantizer.biasScales(inputScale, weightScales);
        int[] q = Int8Quantizer.bias(bias, inputScale, weightScales);
        return b.constant(name + "/bias", new int[] {bias.length}, TensorType.INT32, littleEndian(q),
                new Quantization(scales, new long[scales.length], 0));
    }

    /** A float32 constant; in a float16 model a float16 constant expanded by DEQUANTIZE. */
    private int floatConstant(String name, int[] shape, float[] values) {
        if (precision != TfliteWriter.Precision.FLOAT16) {
            return b.constant(name, shape, TensorType.FLOAT32, littleEndian(values), null);
        }
        ByteBuffer half = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            half.putShort(Float16.fromFloat(v));
        }
        int stored = b.constant(name + "_float16", shape, TensorType.FLOAT16, half.array(), null);
        int expanded = b.activation(name, shape, TensorType.FLOAT32, null);
        b.operator(BuiltinOperators.DEQUANTIZE, 3, new int[] {stored}, new int[] {expanded}, BuiltinOptionsWriter.NONE);
        return expanded;
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static byte[] littleEndian(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }
}
