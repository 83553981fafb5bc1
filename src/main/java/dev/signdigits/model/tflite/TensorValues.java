package dev.signdigits.model.tflite;

import dev.signdigits.SignDigitsException;
import java.nio.ByteBuffer;

/**
 * Reads a constant tensor as real numbers: float32 as is; uint8, int8, int16 and int32 through
 * {@code real = scale * (q - zeroPoint)}, per tensor or per slice along the quantized dimension.
 */
public final class TensorValues {
    private TensorValues() {}

    public static float[] dequantize(TfliteModel model, TfliteTensor tensor) {
        ByteBuffer data = model.data(tensor);
        long count = tensor.elementCount();
        long expected = count * tensor.type().bytes();
        if (tensor.type().bytes() == 0 || data.remaining() != expected) {
            throw new SignDigitsException(model.source() + ": " + tensor + " holds " + data.remaining()
                    + " bytes of constant data where " + expected + " were expected; the file is corrupt or unsupported.");
        }
        float[] out = new float[(int) count];
        if (tensor.type() == TensorType.FLOAT32) {
            data.asFloatBuffer().get(out);
            return out;
        }
        Quantization q = tensor.quantization();
        if (!q.isQuantized()) {
            throw new SignDigitsException(model.source() + ": " + tensor
                    + " is an integer tensor without quantization scale; it cannot be read as weights.");
        }
        int channelStride = 1;
        int channels = 1;
        if (q.isPerAxis()) {
            int[] shape = tensor.shape();
            if (q.dimension() < 0 || q.dimension() >= shape.length || shape[q.dimension()] != q.scale().length) {
                throw new SignDigitsException(model.source() + ": " + tensor + " has " + q.scale().length
                        + " quantization scales along dimension " + q.dimension() + ", which does not match its shape;"
                        + " the file is corrupt.");
            }
            channels = shape[q.dimension()];
            for (int d = q.dimension() + 1; d < shape.length; d++) {
                channelStride *= shape[d];
            }
        }
        for (int i = 0; i < out.length; i++) {
            int channel = q.isPerAxis() ? (i / channelStride) % channels : 0;
            out[i] = (float) (q.scale(channel) * ((double) raw(data, tensor.type(), i) - q.zeroPoint(channel)));
        }
        return out;
    }

    private static long raw(ByteBuffer data, TensorType type, int i) {
        return switch (type) {
            case UINT8 -> data.get(i) & 0xff;
            case INT8 -> data.get(i);
            case INT16 -> data.getShort(2 * i);
            case INT32 -> data.getInt(4 * i);
            case INT64 -> data.getLong(8 * i);
            default -> throw new SignDigitsException("Tensors of type " + type
                    + " cannot be dequantized; only float32, uint8, int8, int16, int32 and int64 are supported.");
        };
    }
}
