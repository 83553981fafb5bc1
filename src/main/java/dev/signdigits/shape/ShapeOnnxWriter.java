package dev.signdigits.shape;

import dev.signdigits.model.onnx.OnnxFields;
import dev.signdigits.model.onnx.OnnxFields.Graph;
import dev.signdigits.model.onnx.OnnxFields.Model;
import dev.signdigits.model.onnx.OnnxFields.Node;
import static dev.signdigits.model.onnx.OnnxWriter.node;
import static dev.signdigits.model.onnx.OnnxWriter.tensor;
import dev.signdigits.model.onnx.ProtoMessage;

/**
 * The hand-shape network as an ONNX model (opset 13, float32) with a symbolic batch {@value #BATCH}.
 * The network's weights are row-major by input, which is Gemm's {@code B} as is ({@code transB = 0}).
 */
final class ShapeOnnxWriter {
    static final String BATCH = "N";

    private ShapeOnnxWriter() {}

    static byte[] write(ShapeNetwork net, String metadataJson, String description) {
        ProtoMessage g = new ProtoMessage().string(Graph.NAME, "signdigits_hand_shape");
        dense(g, "dense1", ShapeExports.INPUT, net.inputs(), net.hidden(), net.w1(), net.b1());
        g.message(Graph.NODE, node("Relu", "dense1_relu", "dense1/relu", "dense1"));
        dense(g, "dense2", "dense1/relu", net.hidden(), net.outputs(), net.w2(), net.b2());
        g.message(Graph.NODE, node("Softmax", "softmax", ShapeExports.OUTPUT, "dense2")
                .message(Node.ATTRIBUTE, new ProtoMessage()
                        .string(OnnxFields.Attribute.NAME, "axis")
                        .int64(OnnxFields.Attribute.I, 1)
                        .int32(OnnxFields.Attribute.TYPE, OnnxFields.Attribute.TYPE_INT)));
        g.message(Graph.INPUT, batchOf(ShapeExports.INPUT, net.inputs()));
        g.message(Graph.OUTPUT, batchOf(ShapeExports.OUTPUT, net.outputs()));
        g.string(Graph.DOC_STRING, description);

        return new ProtoMessage()
                .int64(Model.IR_VERSION, OnnxFields.IR_VERSION)
                .string(Model.PRODUCER_NAME, "signdigits")
                .string(Model.PRODUCER_VERSION, version())
                .string(Model.DOMAIN, "dev.signdigits")
                .int64(Model.MODEL_VERSION, 1)
                .string(Model.DOC_STRING, description)
                .message(Model.GRAPH, g)
                .message(Model.OPSET_IMPORT, new ProtoMessage()
                        .string(OnnxFields.OperatorSetId.DOMAIN, "")
                        .int64(OnnxFields.OperatorSetId.VERSION, OnnxFields.OPSET))
                .message(Model.METADATA_PROPS, new ProtoMessage()
                        .string(OnnxFields.StringStringEntry.KEY, ShapeExports.METADATA_NAME)
                        .string(OnnxFields.StringStringEntry.VALUE, metadataJson))
                .toByteArray();
    }

    /** Gemm {@code Y = X·W + b}, W as {@code [in, out]}; the output is named {@code name}. */
    private static void dense(ProtoMessage g, String name, String input, int in, int out, float[] w, float[] bias) {
        g.message(Graph.INITIALIZER, tensor(name + ".weight", w, in, out));
        g.message(Graph.INITIALIZER, tensor(name + ".bias", bias, out));
        g.message(Graph.NODE, node("Gemm", name, name, input, name + ".weight", name + ".bias"));
    }

    /** A float32 {@code [N, width]} value. */
    private static ProtoMessage batchOf(String name, int width) {
        ProtoMessage shape = new ProtoMessage()
                .message(OnnxFields.Type.SHAPE_DIM, new ProtoMessage().string(OnnxFields.Type.DIM_PARAM, BATCH))
                .message(OnnxFields.Type.SHAPE_DIM, new ProtoMessage().int64(OnnxFields.Type.DIM_VALUE, width));
        ProtoMessage tensorType = new ProtoMessage()
                .int32(OnnxFields.Type.TENSOR_ELEM_TYPE, OnnxFields.Tensor.FLOAT)
                .message(OnnxFields.Type.TENSOR_SHAPE, shape);
        return new ProtoMessage().string(OnnxFields.ValueInfo.NAME, name)
                .message(OnnxFields.ValueInfo.TYPE, new ProtoMessage().message(OnnxFields.Type.TENSOR_TYPE, tensorType));
    }

    private static String version() {
        String v = ShapeOnnxWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
