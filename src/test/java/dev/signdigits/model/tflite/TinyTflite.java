package dev.signdigits.model.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small TFLite files for tests (graphs that are not MobileNets, unusual operator codes,
 * per-axis quantization), using flatbuffers' builder with the schema's field numbers.
 */
public final class TinyTflite {
    /** Tensor types and builtin codes used by the tests (schema values). */
    public static final int FLOAT32 = 0;
    public static final int INT32 = 2;
    public static final int UINT8 = 3;
    public static final int INT8 = 9;

    /** Writes an operator's options table and returns its offset. */
    @FunctionalInterface
    public interface Options {
        int write(FlatBufferBuilder b);
    }

    private record Tensor(String name, int[] shape, int type, int buffer, float[] scale, long[] zeroPoint, int dimension) {}

    private record Op(int opcode, int[] inputs, int[] outputs, int optionsType, Options options) {}

    private final List<int[]> opcodes = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>(List.of(new byte[0]));
    private final List<Op> ops = new ArrayList<>();
    private int[] inputs = {};
    private int[] outputs = {};
    private int version = 3;

    /** Adds an operator code; for codes above 126 pass 127 as the deprecated byte. */
    public int opcode(int deprecatedBuiltinCode, int builtinCode) {
        opcodes.add(new int[] {deprecatedBuiltinCode, builtinCode});
        return opcodes.size() - 1;
    }

    public int opcode(int builtinCode) {
        return opcode(Math.min(builtinCode, 127), builtinCode);
    }

    public int buffer(byte[] data) {
        buffers.add(data.clone());
        return buffers.size() - 1;
    }

    public int tensor(String name, int type, int buffer, int... shape) {
        return tensor(name, type, buffer, new float[0], new long[0], 0, shape);
    }

    public int tensor(String name, int type, int buffer, float[] scale, long[] zeroPoint, int dimension, int... shape) {
        tensors.add(new Tensor(name, shape.clone(), type, buffer, scale.clone(), zeroPoint.clone(), dimension));
        return tensors.size() - 1;
    }

    public TinyTflite op(int opcode, int[] inputs, int[] outputs, int optionsType, Options options) {
        ops.add(new Op(opcode, inputs.clone(), outputs.clone(), optionsType, options));
        return this;
    }

    public TinyTflite io(int[] inputs, int[] outputs) {
        this.inputs = inputs.clone();
        this.outputs = outputs.clone();
        return this;
    }

    public TinyTflite version(int version) {
        this.version = version;
        return this;
    }

    /** Conv2DOptions (union type 1): padding 0=SAME, activation 3=RELU6. */
    public static Options conv2d(int padding, int stride, int activation) {
        return b -> {
            b.startTable(4);
            b.addByte(0, (byte) padding, 0);
            b.addInt(1, stride, 0);
            b.addInt(2, stride, 0);
            b.addByte(3, (byte) activation, 0);
            return b.endTable();
        };
    }

    /** Pool2DOptions (union type 5). */
    public static Options pool2d(int padding, int stride, int filter) {
        return b -> {
            b.startTable(6);
            b.addByte(0, (byte) padding, 0);
            b.addInt(1, stride, 0);
            b.addInt(2, stride, 0);
            b.addInt(3, filter, 0);
            b.addInt(4, filter, 0);
            return b.endTable();
        };
    }

    public byte[] build() {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int[] codes = new int[opcodes.size()];
        for (int i = 0; i < codes.length; i++) {
            b.startTable(4);
            b.addByte(0, (byte) opcodes.get(i)[0], 0);
            b.addInt(2, 1, 1);
            b.addInt(3, opcodes.get(i)[1], 0);
            codes[i] = b.endTable();
        }
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensorOffsets.length; i++) {
            tensorOffsets[i] = tensor(b, tensors.get(i));
        }
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < opOffsets.length; i++) {
            Op op = ops.get(i);
            int in = ints(b, op.inputs());
            int out = ints(b, op.outputs());
            int options = op.options() == null ? 0 : op.options().write(b);
            b.startTable(5);
            b.addInt(0, op.opcode(), 0);
            b.addOffset(1, in, 0);
            b.addOffset(2, out, 0);
            b.addByte(3, (byte) op.optionsType(), 0);
            b.addOffset(4, options, 0);
            opOffsets[i] = b.endTable();
        }
        int tensorVector = b.createVectorOfTables(tensorOffsets);
        int in = ints(b, inputs);
        int out = ints(b, outputs);
        int opVector = b.createVectorOfTables(opOffsets);
        int name = b.createString("main");
        b.startTable(5);
        b.addOffset(0, tensorVector, 0);
        b.addOffset(1, in, 0);
        b.addOffset(2, out, 0);
        b.addOffset(3, opVector, 0);
        b.addOffset(4, name, 0);
        int subgraph = b.endTable();
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < bufferOffsets.length; i++) {
            int data = buffers.get(i).length == 0 ? 0 : b.createByteVector(buffers.get(i));
            b.startTable(1);
            b.addOffset(0, data, 0);
            bufferOffsets[i] = b.endTable();
        }
        int codeVector = b.createVectorOfTables(codes);
        int subgraphs = b.createVectorOfTables(new int[] {subgraph});
        int bufferVector = b.createVectorOfTables(bufferOffsets);
        int description = b.createString("signdigits test model");
        b.startTable(5);
        b.addInt(0, version, 0);
        b.addOffset(1, codeVector, 0);
        b.addOffset(2, subgraphs, 0);
        b.addOffset(3, description, 0);
        b.addOffset(4, bufferVector, 0);
        b.finish(b.endTable(), "TFL3");
        return b.sizedByteArray();
    }

    public Path write(Path file) {
        try {
            Files.write(file, build());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int tensor(FlatBufferBuilder b, Tensor t) {
        int shape = ints(b, t.shape());
        int name = b.createString(t.name());
        int quantization = 0;
        if (t.scale().length > 0) {
            b.startVector(4, t.scale().length, 4);
            for (int i = t.scale().length - 1; i >= 0; i--) {
                b.addFloat(t.scale()[i]);
            }
            int scale = b.endVector();
            b.startVector(8, t.zeroPoint().length, 8);
            for (int i = t.zeroPoint().length - 1; i >= 0; i--) {
                b.addLong(t.zeroPoint()[i]);
            }
            int zeroPoint = b.endVector();
            b.startTable(7);
            b.addOffset(2, scale, 0);
            b.addOffset(3, zeroPoint, 0);
            b.addInt(6, t.dimension(), 0);
            quantization = b.endTable();
        }
        b.startTable(5);
        b.addOffset(0, shape, 0);
        b.addByte(1, (byte) t.type(), 0);
        b.addInt(2, t.buffer(), 0);
        b.addOffset(3, name, 0);
        b.addOffset(4, quantization, 0);
        return b.endTable();
    }

    private static int ints(FlatBufferBuilder b, int[] values) {
        b.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) {
            b.addInt(values[i]);
        }
        return b.endVector();
    }
}
