package dev.signdigits.model.onnx;

import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.graph.GraphOp;
import dev.signdigits.model.graph.GraphTensor;
import dev.signdigits.model.onnx.OnnxFields.Attribute;
import dev.signdigits.model.onnx.OnnxFields.Graph;
import dev.signdigits.model.onnx.OnnxFields.Model;
import dev.signdigits.model.onnx.OnnxFields.Node;
import java.util.Map;

/**
 * Writes a {@link FoldedGraph} as an ONNX model (opset 13, standard operators only): Conv with
 * explicit pads (TF SAME becomes asymmetric pads) and {@code group} for depthwise, Clip(0, 6) for
 * ReLU6, Add, GlobalAveragePool, Flatten, Gemm and Softmax. Input {@value #INPUT} is float32
 * {@code [batch, 3, H, W]} (NCHW, normalized) with a dynamic batch; output {@value #OUTPUT} is
 * {@code [batch, classes]}.
 */
public final class OnnxWriter {
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    private static final String BATCH = "batch";
    private static final String RELU6_MIN = "relu6_min";
    private static final String RELU6_MAX = "relu6_max";

    private OnnxWriter() {}

    /**
     * The model's bytes.
     *
     * @param metadata   metadata_props (key, value) in iteration order
     * @param producer   producer_version, e.g. the signdigits version
     * @param docString  a sentence describing the model
     */
    public static byte[] write(FoldedGraph graph, Map<String, String> metadata, String producer, String docString) {
        ProtoMessage g = new ProtoMessage().string(Graph.NAME, "signdigits_classifier");
        g.message(Graph.INITIALIZER, scalar(RELU6_MIN, 0f));
        g.message(Graph.INITIALIZER, scalar(RELU6_MAX, 6f));
        for (GraphOp op : graph.ops()) {
            if (op instanceof GraphOp.Conv conv) {
                conv(g, graph, conv);
            } else if (op instanceof GraphOp.Add add) {
                g.message(Graph.NODE,
                        node("Add", add.name(), name(graph, add.output()), name(graph, add.left()), name(graph, add.right())));
            } else if (op instanceof GraphOp.GlobalAveragePool pool) {
                pool(g, graph, pool);
            } else if (op instanceof GraphOp.Dense dense) {
                dense(g, graph, dense);
            }
        }
        g.message(Graph.NODE, node("Softmax", "softmax", OUTPUT, name(graph, graph.logits()))
                .message(Node.ATTRIBUTE, intAttribute("axis", 1)));
        int size = graph.inputSize();
        g.message(Graph.INPUT, valueInfo(INPUT, BATCH, 3, size, size));
        g.message(Graph.OUTPUT, valueInfo(OUTPUT, BATCH, graph.numClasses()));
        g.string(Graph.DOC_STRING, docString);

        ProtoMessage model = new ProtoMessage()
                .int64(Model.IR_VERSION, OnnxFields.IR_VERSION)
                .string(Model.PRODUCER_NAME, "signdigits")
                .string(Model.PRODUCER_VERSION, producer)
                .string(Model.DOMAIN, "dev.signdigits")
                .int64(Model.MODEL_VERSION, 1)
                .string(Model.DOC_STRING, docString)
                .message(Model.GRAPH, g)
                .message(Model.OPSET_IMPORT, new ProtoMessage()
                        .string(OnnxFields.OperatorSetId.DOMAIN, "")
                        .int64(OnnxFields.OperatorSetId.VERSION, OnnxFields.OPSET));
        metadata.forEach((key, value) -> model.message(Model.METADATA_PROPS, new ProtoMessage()
                .string(OnnxFields.StringStringEntry.KEY, key)
                .string(OnnxFields.StringStringEntry.VALUE, value)));
        return model.toByteArray();
    }

    private static void conv(ProtoMessage g, FoldedGraph graph, GraphOp.Conv conv) {
        String weights = conv.name() + ".weight";
        String bias = conv.name() + ".bias";
        int perFilter = conv.depthwise() ? 1 : conv.inChannels();
        g.message(Graph.INITIALIZER, tensor(weights, conv.weights(), conv.outChannels(), perFilter, conv.kernel(), conv.kernel()));
        g.message(Graph.INITIALIZER, tensor(bias, conv.bias(), conv.outChannels()));
        String out = name(graph, conv.output());
        String convOut = conv.relu6() ? out + ".conv" : out;
        int[] p = conv.pads();
        g.message(Graph.NODE, node("Conv", conv.name(), convOut, name(graph, conv.input()), weights, bias)
                .message(Node.ATTRIBUTE, intsAttribute("kernel_shape", conv.kernel(), conv.kernel()))
                .message(Node.ATTRIBUTE, intsAttribute("strides", conv.stride(), conv.stride()))
                // ONNX orders pads as all begins, then all ends: top, left, bottom, right
                .message(Node.ATTRIBUTE, intsAttribute("pads", p[0], p[1], p[2], p[3]))
                .message(Node.ATTRIBUTE, intsAttribute("dilations", 1, 1))
                .message(Node.ATTRIBUTE, intAttribute("group", conv.depthwise() ? conv.outChannels() : 1)));
        if (conv.relu6()) {
            g.message(Graph.NODE, node("Clip", conv.name() + "_relu6", out, convOut, RELU6_MIN, RELU6_MAX));
        }
    }

    private static void pool(ProtoMessage g, FoldedGraph graph, GraphOp.GlobalAveragePool pool) {
        String pooled = name(graph, pool.output()) + ".nchw";
        g.message(Graph.NODE, node("GlobalAveragePool", pool.name(), pooled, name(graph, pool.input())));
        g.message(Graph.NODE, node("Flatten", pool.name() + "_flatten", name(graph, pool.output()), pooled)
                .message(Node.ATTRIBUTE, intAttribute("axis", 1)));
    }

    private static void dense(ProtoMessage g, FoldedGraph graph, GraphOp.Dense dense) {
        String weights = dense.name() + ".weight";
        String bias = dense.name() + ".bias";
        g.message(Graph.INITIALIZER, tensor(weights, dense.weights(), dense.outFeatures(), dense.inFeatures()));
        g.message(Graph.INITIALIZER, tensor(bias, dense.bias(), dense.outFeatures()));
        // Gemm: Y = X * W^T + b with W stored (out, in) as DJL holds it
        g.message(Graph.NODE, node("Gemm", dense.name(), name(graph, dense.output()), name(graph, dense.input()), weights, bias)
                .message(Node.ATTRIBUTE, intAttribute("transB", 1)));
    }

    private static String name(FoldedGraph graph, int tensor) {
        GraphTensor t = graph.tensor(tensor);
        return tensor == graph.input() ? INPUT : t.name();
    }

    /** A graph node with one output (public for the other graphs the project writes, e.g. the hand-shape network). */
    public static ProtoMessage node(String opType, String name, String output, String... inputs) {
        ProtoMessage node = new ProtoMessage();
        for (String input : inputs) {
            node.string(Node.INPUT, input);
        }
        return node.string(Node.OUTPUT, output).string(Node.NAME, name).string(Node.OP_TYPE, opType);
    }

    private static ProtoMessage intAttribute(String name, long value) {
        return new ProtoMessage().string(Attribute.NAME, name).int64(Attribute.I, value)
                .int32(Attribute.TYPE, Attribute.TYPE_INT);
    }

    private static ProtoMessage intsAttribute(String name, long... values) {
        return new ProtoMessage().string(Attribute.NAME, name).packedInt64s(Attribute.INTS, values)
                .int32(Attribute.TYPE, Attribute.TYPE_INTS);
    }

    /** A float32 initializer. */
    public static ProtoMessage tensor(String name, float[] values, long... dims) {
        return new ProtoMessage()
                .packedInt64s(OnnxFields.Tensor.DIMS, dims)
                .int32(OnnxFields.Tensor.DATA_TYPE, OnnxFields.Tensor.FLOAT)
                .string(OnnxFields.Tensor.NAME, name)
                .bytes(OnnxFields.Tensor.RAW_DATA, ProtoMessage.littleEndian(values));
    }

    /** A rank-0 float tensor. */
    private static ProtoMessage scalar(String name, float value) {
        return new ProtoMessage()
                .int32(OnnxFields.Tensor.DATA_TYPE, OnnxFields.Tensor.FLOAT)
                .string(OnnxFields.Tensor.NAME, name)
                .bytes(OnnxFields.Tensor.RAW_DATA, ProtoMessage.littleEndian(new float[] {value}));
    }

    /** A float tensor type whose first dimension is the symbolic batch, the rest fixed. */
    private static ProtoMessage valueInfo(String name, String batch, long... dims) {
        ProtoMessage shape = new ProtoMessage()
                .message(OnnxFields.Type.SHAPE_DIM, new ProtoMessage().string(OnnxFields.Type.DIM_PARAM, batch));
        for (long d : dims) {
            shape.message(OnnxFields.Type.SHAPE_DIM, new ProtoMessage().int64(OnnxFields.Type.DIM_VALUE, d));
        }
        ProtoMessage tensorType = new ProtoMessage()
                .int32(OnnxFields.Type.TENSOR_ELEM_TYPE, OnnxFields.Tensor.FLOAT)
                .message(OnnxFields.Type.TENSOR_SHAPE, shape);
        return new ProtoMessage().string(OnnxFields.ValueInfo.NAME, name)
                .message(OnnxFields.ValueInfo.TYPE, new ProtoMessage().message(OnnxFields.Type.TENSOR_TYPE, tensorType));
    }
}
