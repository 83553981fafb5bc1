package dev.signdigits.model.onnx;

/**
 * Field numbers and enum values of the ONNX protobuf messages we write, from the ONNX
 * specification (onnx.proto, IR version 7).
 */
public final class OnnxFields {
    private OnnxFields() {}

    public static final long IR_VERSION = 7;
    public static final long OPSET = 13;

    public static final class Model {
        public static final int IR_VERSION = 1;
        public static final int PRODUCER_NAME = 2;
        public static final int PRODUCER_VERSION = 3;
        public static final int DOMAIN = 4;
        public static final int MODEL_VERSION = 5;
        public static final int DOC_STRING = 6;
        public static final int GRAPH = 7;
        public static final int OPSET_IMPORT = 8;
        public static final int METADATA_PROPS = 14;

        private Model() {}
    }

    public static final class OperatorSetId {
        public static final int DOMAIN = 1;
        public static final int VERSION = 2;

        private OperatorSetId() {}
    }

    public static final class StringStringEntry {
        public static final int KEY = 1;
        public static final int VALUE = 2;

        private StringStringEntry() {}
    }

    public static final class Graph {
        public static final int NODE = 1;
        public static final int NAME = 2;
        public static final int INITIALIZER = 5;
        public static final int DOC_STRING = 10;
        public static final int INPUT = 11;
        public static final int OUTPUT = 12;

        private Graph() {}
    }

    public static final class Node {
        public static final int INPUT = 1;
        public static final int OUTPUT = 2;
        public static final int NAME = 3;
        public static final int OP_TYPE = 4;
        public static final int ATTRIBUTE = 5;

        private Node() {}
    }

    public static final class Attribute {
        public static final int NAME = 1;
        public static final int I = 3;
        public static final int INTS = 8;
        public static final int TYPE = 20;

        public static final int TYPE_INT = 2;
        public static final int TYPE_INTS = 7;

        private Attribute() {}
    }

    public static final class ValueInfo {
        public static final int NAME = 1;
        public static final int TYPE = 2;

        private ValueInfo() {}
    }

    public static final class Type {
        public static final int TENSOR_TYPE = 1;
        public static final int TENSOR_ELEM_TYPE = 1;
        public static final int TENSOR_SHAPE = 2;
        public static final int SHAPE_DIM = 1;
        public static final int DIM_VALUE = 1;
        public static final int DIM_PARAM = 2;

        private Type() {}
    }

    public static final class Tensor {
        public static final int DIMS = 1;
        public static final int DATA_TYPE = 2;
        public static final int NAME = 8;
        public static final int RAW_DATA = 9;

        public static final int FLOAT = 1;

        private Tensor() {}
    }
}
