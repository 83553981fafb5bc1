package dev.signdigits.model.tflite;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.tflite.TfliteSchema.OptionsType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.signdigits.model.Padding;

/** Parses a TFLite flatbuffer into {@link TfliteModel}, with checks that name what is wrong. */
public final class TfliteReader {
    private static final int IDENTIFIER_OFFSET = 4;

    private TfliteReader() {}

    public static TfliteModel read(Path file) {
        if (Files.isDirectory(file)) {
            throw new SignDigitsException(file + " is a directory; pass a .tflite file.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SignDigitsException("TFLite file " + file + " does not exist; check the path.", e);
        } catch (IOException e) {
            throw new SignDigitsException("Cannot read TFLite file " + file + " (" + e.getMessage()
                    + "); check that it is a readable file.", e);
        }
        return parse(ByteBuffer.wrap(bytes), file.toString());
    }

    /** Parses the bytes from position 0 to limit; {@code source} names the file in messages. */
    public static TfliteModel parse(ByteBuffer bytes, String source) {
        ByteBuffer bb = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        checkIdentifier(bb, source);
        FbTable root = FbTable.root(bb, source);
        int version = root.int32(TfliteSchema.Model.VERSION, 0);
        if (version != 3) {
            throw new SignDigitsException(source + " uses TFLite schema version " + version
                    + "; only version 3 is supported: convert it with a current TensorFlow Lite converter.");
        }
        List<OperatorCode> codes = operatorCodes(root);
        List<TfliteSubgraph> subgraphs = new ArrayList<>();
        for (int i = 0; i < root.vectorLength(TfliteSchema.Model.SUBGRAPHS); i++) {
            subgraphs.add(subgraph(root.tableAt(TfliteSchema.Model.SUBGRAPHS, i), codes, source));
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < root.vectorLength(TfliteSchema.Model.BUFFERS); i++) {
            buffers.add(buffer(root.tableAt(TfliteSchema.Model.BUFFERS, i), root));
        }
        Map<String, Integer> metadata = new LinkedHashMap<>();
        for (int i = 0; i < root.vectorLength(TfliteSchema.Model.METADATA); i++) {
            FbTable entry = root.tableAt(TfliteSchema.Model.METADATA, i);
            metadata.put(String.valueOf(entry.string(TfliteSchema.Metadata.NAME)),
                    entry.int32(TfliteSchema.Metadata.BUFFER, 0));
        }
        return new TfliteModel(source, version, root.string(TfliteSchema.Model.DESCRIPTION), codes,
                subgraphs, buffers, metadata);
    }

    private static void checkIdentifier(ByteBuffer bb, String source) {
        if (bb.limit() < IDENTIFIER_OFFSET + 4) {
            throw new SignDigitsException(source + " is not a TFLite model: it has only " + bb.limit()
                    + " bytes, too short for the \"TFL3\" identifier at offset 4; pass a .tflite file.");
        }
        byte[] id = new byte[4];
        bb.get(IDENTIFIER_OFFSET, id);
        String found = new String(id, StandardCharsets.ISO_8859_1);
        if (!found.equals(TfliteSchema.FILE_IDENTIFIER)) {
            throw new SignDigitsException(source + " is not a TFLite model: expected the identifier \"TFL3\" at offset 4"
                    + " but found " + printable(id) + "; pass a .tflite file.");
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    private static List<OperatorCode> operatorCodes(FbTable root) {
        List<OperatorCode> codes = new ArrayList<>();
        for (int i = 0; i < root.vectorLength(TfliteSchema.Model.OPERATOR_CODES); i++) {
            FbTable code = root.tableAt(TfliteSchema.Model.OPERATOR_CODES, i);
            codes.add(OperatorCode.of(
                    code.int8(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, 0),
                    code.int32(TfliteSchema.OperatorCode.BUILTIN_CODE, 0),
                    code.string(TfliteSchema.OperatorCode.CUSTOM_CODE),
                    code.int32(TfliteSchema.OperatorCode.VERSION, 1)));
        }
        return codes;
    }

    private static TfliteSubgraph subgraph(FbTable graph, List<OperatorCode> codes, String source) {
        List<TfliteTensor> tensors = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(TfliteSchema.SubGraph.TENSORS); i++) {
            tensors.add(tensor(i, graph.tableAt(TfliteSchema.SubGraph.TENSORS, i), source));
        }
        List<TfliteOperator> operators = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(TfliteSchema.SubGraph.OPERATORS); i++) {
            operators.add(operator(i, graph.tableAt(TfliteSchema.SubGraph.OPERATORS, i), codes, tensors.size(), source));
        }
        int[] inputs = graph.int32s(TfliteSchema.SubGraph.INPUTS);
        int[] outputs = graph.int32s(TfliteSchema.SubGraph.OUTPUTS);
        checkTensorIndices(inputs, tensors.size(), "subgraph input", source);
        checkTensorIndices(outputs, tensors.size(), "subgraph output", source);
        return new TfliteSubgraph(graph.string(TfliteSchema.SubGraph.NAME), tensors, inputs, outputs, operators);
    }

    private static TfliteTensor tensor(int index, FbTable t, String source) {
        String name = t.string(TfliteSchema.Tensor.NAME);
        TensorType type = TensorType.of(t.int8(TfliteSchema.Tensor.TYPE, 0), source, name);
        FbTable q = t.table(TfliteSchema.Tensor.QUANTIZATION);
        Quantization quantization = q == null ? Quantization.NONE : new Quantization(
                q.float32s(TfliteSchema.Quantization.SCALE),
                q.int64s(TfliteSchema.Quantization.ZERO_POINT),
                q.int32(TfliteSchema.Quantization.QUANTIZED_DIMENSION, 0));
        return new TfliteTensor(index, name, t.int32s(TfliteSchema.Tensor.SHAPE), type,
                t.int32(TfliteSchema.Tensor.BUFFER, 0), quantization);
    }

    private static TfliteOperator operator(int index, FbTable op, List<OperatorCode> codes, int tensorCount, String source) {
        int opcode = op.int32(TfliteSchema.Operator.OPCODE_INDEX, 0);
        if (opcode < 0 || opcode >= codes.size()) {
            throw new SignDigitsException(source + ": operator " + index + " refers to operator code " + opcode
                    + " but the file defines only " + codes.size() + "; the file is corrupt.");
        }
        int[] inputs = op.int32s(TfliteSchema.Operator.INPUTS);
        int[] outputs = op.int32s(TfliteSchema.Operator.OUTPUTS);
        checkTensorIndices(inputs, tensorCount, "input of operator " + index, source);
        checkTensorIndices(outputs, tensorCount, "output of operator " + index, source);
        int optionsType = op.uint8(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, 0);
        FbTable options = op.table(TfliteSchema.Operator.BUILTIN_OPTIONS);
        return new TfliteOperator(index, codes.get(opcode), inputs, outputs, options(optionsType, options));
    }

    private static void checkTensorIndices(int[] indices, int tensorCount, String what, String source) {
        for (int i : indices) {
            if (i < -1 || i >= tensorCount) {
                throw new SignDigitsException(source + ": " + what + " refers to tensor " + i
                        + " but the subgraph has only " + tensorCount + " tensors; the file is corrupt.");
            }
        }
    }

    static OperatorOptions options(int type, FbTable o) {
        if (o == null) {
            return new OperatorOptions.Other(type);
        }
        return switch (type) {
            case OptionsType.CONV_2D -> new OperatorOptions.Conv2D(Padding.of(o.int8(0, 0)), o.int32(1, 0),
                    o.int32(2, 0), Activation.of(o.int8(3, 0)), o.int32(4, 1), o.int32(5, 1));
            case OptionsType.DEPTHWISE_CONV_2D -> new OperatorOptions.DepthwiseConv2D(Padding.of(o.int8(0, 0)),
                    o.int32(1, 0), o.int32(2, 0), o.int32(3, 0), Activation.of(o.int8(4, 0)), o.int32(5, 1), o.int32(6, 1));
            case OptionsType.POOL_2D -> new OperatorOptions.Pool2D(Padding.of(o.int8(0, 0)), o.int32(1, 0),
                    o.int32(2, 0), o.int32(3, 0), o.int32(4, 0), Activation.of(o.int8(5, 0)));
            case OptionsType.FULLY_CONNECTED -> new OperatorOptions.FullyConnected(Activation.of(o.int8(0, 0)), o.bool(2));
            case OptionsType.SOFTMAX -> new OperatorOptions.Softmax(o.float32(0, 0f));
            case OptionsType.ADD -> new OperatorOptions.Add(Activation.of(o.int8(0, 0)));
            case OptionsType.RESHAPE -> new OperatorOptions.Reshape(o.int32s(0));
            case OptionsType.REDUCER -> new OperatorOptions.Reducer(o.bool(0));
            case OptionsType.SQUEEZE -> new OperatorOptions.Squeeze(o.int32s(0));
            default -> new OperatorOptions.Other(type);
        };
    }

    /** Inline data, or (files over 2 GB) an offset/size pair pointing past the flatbuffer. */
    private static ByteBuffer buffer(FbTable buffer, FbTable root) {
        long offset = buffer.int64(TfliteSchema.Buffer.OFFSET, 0);
        if (offset > 1) {
            return root.slice(offset, buffer.int64(TfliteSchema.Buffer.SIZE, 0));
        }
        return buffer.bytes(TfliteSchema.Buffer.DATA);
    }
}
