package dev.signdigits.model.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.signdigits.model.Padding;

/**
 * The builtin options table of an operator to be written: its BuiltinOptions union id and how to
 * write its fields (schema order; field i of a table is slot i). Only the kinds the exporter emits.
 */
public interface BuiltinOptionsWriter {
    /** No options table (QUANTIZE, DEQUANTIZE). */
    BuiltinOptionsWriter NONE = new BuiltinOptionsWriter() {
        @Override
        public int unionType() {
            return 0;
        }

        @Override
        public int write(FlatBufferBuilder b) {
            return 0;
        }
    };

    int unionType();

    /** Writes the table and returns its offset (0 for none). */
    int write(FlatBufferBuilder b);

    static BuiltinOptionsWriter conv2d(Padding padding, int stride, Activation activation) {
        return of(TfliteSchema.OptionsType.CONV_2D, b -> {
            b.startTable(6);
            b.addByte(0, (byte) padding.ordinal(), 0);
            b.addInt(1, stride, 0);
            b.addInt(2, stride, 0);
            b.addByte(3, (byte) activation.ordinal(), 0);
            b.addInt(4, 1, 1); // dilation w
            b.addInt(5, 1, 1); // dilation h
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter depthwiseConv2d(Padding padding, int stride, Activation activation) {
        return of(TfliteSchema.OptionsType.DEPTHWISE_CONV_2D, b -> {
            b.startTable(7);
            b.addByte(0, (byte) padding.ordinal(), 0);
            b.addInt(1, stride, 0);
            b.addInt(2, stride, 0);
            b.addInt(3, 1, 0); // depth multiplier
            b.addByte(4, (byte) activation.ordinal(), 0);
            b.addInt(5, 1, 1);
            b.addInt(6, 1, 1);
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter averagePool(int filter) {
        return of(TfliteSchema.OptionsType.POOL_2D, b -> {
            b.startTable(6);
            b.addByte(0, (byte) Padding.VALID.ordinal(), 0);
            b.addInt(1, 1, 0);
            b.addInt(2, 1, 0);
            b.addInt(3, filter, 0);
            b.addInt(4, filter, 0);
            b.addByte(5, (byte) Activation.NONE.ordinal(), 0);
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter fullyConnected() {
        return of(TfliteSchema.OptionsType.FULLY_CONNECTED, b -> {
            b.startTable(4);
            b.addByte(0, (byte) Activation.NONE.ordinal(), 0);
            b.addByte(1, (byte) 0, 0); // weights format DEFAULT
            b.addBoolean(2, false, false); // keep_num_dims
            b.addBoolean(3, false, false); // asymmetric_quantize_inputs
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter softmax(float beta) {
        return of(TfliteSchema.OptionsType.SOFTMAX, b -> {
            b.startTable(1);
            b.addFloat(0, beta, 0);
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter add() {
        return of(TfliteSchema.OptionsType.ADD, b -> {
            b.startTable(1);
            b.addByte(0, (byte) Activation.NONE.ordinal(), 0);
            return b.endTable();
        });
    }

    static BuiltinOptionsWriter reshape(int... newShape) {
        return of(TfliteSchema.OptionsType.RESHAPE, b -> {
            b.startVector(4, newShape.length, 4);
            for (int i = newShape.length - 1; i >= 0; i--) {
                b.addInt(newShape[i]);
            }
            int vector = b.endVector();
            b.startTable(1);
            b.addOffset(0, vector, 0);
            return b.endTable();
        });
    }

    private static BuiltinOptionsWriter of(int unionType, java.util.function.ToIntFunction<FlatBufferBuilder> writer) {
        return new BuiltinOptionsWriter() {
            @Override
            public int unionType() {
                return unionType;
            }

            @Override
            public int write(FlatBufferBuilder b) {
                return writer.applyAsInt(b);
            }
        };
    }
}
