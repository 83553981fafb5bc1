package dev.signdigits.model.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a TFLite flatbuffer (schema version 3, one subgraph) from tensors, constant buffers,
 * operators and metadata, with the field layout {@link TfliteReader} reads. Buffer 0 is the
 * empty sentinel that every activation tensor points to; constant data is 16-byte aligned.
 * Identical quantization vectors (the all-zero int64 zero points of per-channel weights, the
 * common activation scales) are written once and shared: in a small int8 model the repeats would
 * weigh a tenth of the file.
 */
public final class TfliteBuilder {
    private static final int SCHEMA_VERSION = 3;
    private static final int DATA_ALIGNMENT = 16;

    private record TensorDef(String name, int[] shape, TensorType type, int buffer, Quantization quantization) {}

    private record OperatorDef(int opcode, int[] inputs, int[] outputs, BuiltinOptionsWriter options) {}

    private final List<byte[]> buffers = new ArrayList<>(List.of(new byte[0]));
    private final List<TensorDef> tensors = new ArrayList<>();
    private final List<int[]> opcodes = new ArrayList<>(); // {builtin code, version}
    private final List<OperatorDef> operators = new ArrayList<>();
    private final Map<String, Integer> metadata = new LinkedHashMap<>();

    /** A tensor computed at run time; returns its index. */
    public int activation(String name, int[] shape, TensorType type, Quantization quantization) {
        tensors.add(new TensorDef(name, shape.clone(), type, 0, quantization));
        return tensors.size() - 1;
    }

    /** A constant tensor holding {@code data} (little-endian); returns its index. */
    public int constant(String name, int[] shape, TensorType type, byte[] data, Quantization quantization) {
        long expected = type.bytes();
        for (int d : shape) {
            expected *= d;
        }
        if (expected != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " bytes for " + expected);
        }
        buffers.add(data);
        tensors.add(new TensorDef(name, shape.clone(), type, buffers.size() - 1, quantization));
        return tensors.size() - 1;
    }

    /** Appends an operator (execution order = call order). */
    public void operator(int builtinCode, int version, int[] inputs, int[] outputs, BuiltinOptionsWriter options) {
        int opcode = -1;
        for (int i = 0; i < opcodes.size(); i++) {
            if (opcodes.get(i)[0] == builtinCode && opcodes.get(i)[1] == version) {
                opcode = i;
            }
        }
        if (opcode < 0) {
            opcodes.add(new int[] {builtinCode, version});
            opcode = opcodes.size() - 1;
        }
        operators.add(new OperatorDef(opcode, inputs.clone(), outputs.clone(), options));
    }

    /** A named metadata entry (its own buffer), e.g. a JSON document. */
    public void metadata(String name, byte[] data) {
        buffers.add(data);
        metadata.put(name, buffers.size() - 1);
    }

    /** The finished file. */
    public byte[] finish(int[] inputs, int[] outputs, String description) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 16).forceDefaults(true);
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            bufferOffsets[i] = buffer(b, buffers.get(i));
        }
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            tensorOffsets[i] = tensor(b, tensors.get(i));
        }
        int[] operatorOffsets = new int[operators.size()];
        for (int i = 0; i < operators.size(); i++) {
            operatorOffsets[i] = operator(b, operators.get(i));
        }
        int subgraph = subgraph(b, tensorOffsets, operatorOffsets, inputs, outputs);
        int[] codeOffsets = new int[opcodes.size()];
        for (int i = 0; i < opcodes.size(); i++) {
            codeOffsets[i] = operatorCode(b, opcodes.get(i)[0], opcodes.get(i)[1]);
        }
        int[] metadataOffsets = new int[metadata.size()];
        int m = 0;
        for (Map.Entry<String, Integer> e : metadata.entrySet()) {
            int name = b.createString(e.getKey());
            b.startTable(2);
            b.addOffset(TfliteSchema.Metadata.NAME, name, 0);
            b.addInt(TfliteSchema.Metadata.BUFFER, e.getValue(), 0);
            metadataOffsets[m++] = b.endTable();
        }
        int codesVector = b.createVectorOfTables(codeOffsets);
        int subgraphsVector = b.createVectorOfTables(new int[] {subgraph});
        int descriptionString = b.createString(description);
        int buffersVector = b.createVectorOfTables(bufferOffsets);
        int metadataVector = b.createVectorOfTables(metadataOffsets);
        b.startTable(7);
        b.addInt(TfliteSchema.Model.VERSION, SCHEMA_VERSION, 0);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, codesVector, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, subgraphsVector, 0);
        b.addOffset(TfliteSchema.Model.DESCRIPTION, descriptionString, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, buffersVector, 0);
        b.addOffset(TfliteSchema.Model.METADATA, metadataVector, 0);
        b.finish(b.endTable(), TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    private static int buffer(FlatBufferBuilder b, byte[] data) {
        int vector = 0;
        if (data.length > 0) {
            ByteBuffer target = b.createUnintializedVector(1, data.length, DATA_ALIGNMENT);
            target.put(data);
            vector = b.endVector();
        }
        b.startTable(1);
        if (vector != 0) {
            b.addOffset(TfliteSchema.Buffer.DATA, vector, 0);
        }
        return b.endTable();
    }

    private int tensor(FlatBufferBuilder b, TensorDef t) {
        int shape = ints(b, t.shape());
        int name = b.createString(t.name());
        int quantization = t.quantization() == null ? 0 : quantization(b, t.quantization());
        b.startTable(5);
        b.addOffset(TfliteSchema.Tensor.SHAPE, shape, 0);
        b.addByte(TfliteSchema.Tensor.TYPE, (byte) t.type().code(), 0);
        b.addInt(TfliteSchema.Tensor.BUFFER, t.buffer(), 0);
        b.addOffset(TfliteSchema.Tensor.NAME, name, 0);
        if (quantization != 0) {
            b.addOffset(TfliteSchema.Tensor.QUANTIZATION, quantization, 0);
        }
        return b.endTable();
    }

    /** Quantization vectors already written, by content: shared instead of repeated. */
    private final Map<FloatBuffer, Integer> scaleVectors = new HashMap<>();
    private final Map<LongBuffer, Integer> zeroPointVectors = new HashMap<>();

    private int quantization(FlatBufferBuilder b, Quantization q) {
        float[] scales = q.scale();
        Integer scaleVector = scaleVectors.get(FloatBuffer.wrap(scales));
        if (scaleVector == null) {
            b.startVector(4, scales.length, 4);
            for (int i = scales.length - 1; i >= 0; i--) {
                b.addFloat(scales[i]);
            }
            scaleVector = b.endVector();
            scaleVectors.put(FloatBuffer.wrap(scales), scaleVector);
        }
        long[] zeroPoints = q.zeroPoint();
        Integer zeroPointVector = zeroPointVectors.get(LongBuffer.wrap(zeroPoints));
        if (zeroPointVector == null) {
            b.startVector(8, zeroPoints.length, 8);
            for (int i = zeroPoints.length - 1; i >= 0; i--) {
                b.addLong(zeroPoints[i]);
            }
            zeroPointVector = b.endVector();
            zeroPointVectors.put(LongBuffer.wrap(zeroPoints), zeroPointVector);
        }
        b.startTable(7);
        b.addOffset(TfliteSchema.Quantization.SCALE, scaleVector, 0);
        b.addOffset(TfliteSchema.Quantization.ZERO_POINT, zeroPointVector, 0);
        b.addInt(TfliteSchema.Quantization.QUANTIZED_DIMENSION, q.dimension(), 0);
        return b.endTable();
    }

    private static int operator(FlatBufferBuilder b, OperatorDef op) {
        int inputs = ints(b, op.inputs());
        int outputs = ints(b, op.outputs());
        int options = op.options().write(b);
        b.startTable(5);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, op.opcode(), 0);
        b.addOffset(TfliteSchema.Operator.INPUTS, inputs, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, outputs, 0);
        b.addByte(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, (byte) op.options().unionType(), 0);
        if (options != 0) {
            b.addOffset(TfliteSchema.Operator.BUILTIN_OPTIONS, options, 0);
        }
        return b.endTable();
    }

    private static int subgraph(FlatBufferBuilder b, int[] tensors, int[] operators, int[] inputs, int[] outputs) {
        int tensorVector = b.createVectorOfTables(tensors);
        int inputVector = ints(b, inputs);
        int outputVector = ints(b, outputs);
        int operatorVector = b.createVectorOfTables(operators);
        int name = b.createString("main");
        b.startTable(5);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tensorVector, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, inputVector, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, outputVector, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, operatorVector, 0);
        b.addOffset(TfliteSchema.SubGraph.NAME, name, 0);
        return b.endTable();
    }

    /** Codes above 126 go only in the int field; the byte field then holds 127 (placeholder). */
    private static int operatorCode(FlatBufferBuilder b, int builtinCode, int version) {
        b.startTable(4);
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, (byte) Math.min(builtinCode, 127), 0);
        b.addInt(TfliteSchema.OperatorCode.VERSION, version, 1);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, builtinCode, 0);
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
