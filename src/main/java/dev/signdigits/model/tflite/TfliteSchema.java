package dev.signdigits.model.tflite;

/**
 * Field indices of the TFLite schema tables we read (schema.fbs, file identifier "TFL3"). Fields
 * are numbered in declaration order; a union field counts twice (type, then value).
 */
final class TfliteSchema {
    private TfliteSchema() {}

    static final String FILE_IDENTIFIER = "TFL3";

    static final class Model {
        static final int VERSION = 0;
        static final int OPERATOR_CODES = 1;
        static final int SUBGRAPHS = 2;
        static final int DESCRIPTION = 3;
        static final int BUFFERS = 4;
        static final int METADATA = 6;

        private Model() {}
    }

    static final class OperatorCode {
        static final int DEPRECATED_BUILTIN_CODE = 0;
        static final int CUSTOM_CODE = 1;
        static final int VERSION = 2;
        static final int BUILTIN_CODE = 3;

        private OperatorCode() {}
    }

    static final class SubGraph {
        static final int TENSORS = 0;
        static final int INPUTS = 1;
        static final int OUTPUTS = 2;
        static final int OPERATORS = 3;
        static final int NAME = 4;

        private SubGraph() {}
    }

    static final class Tensor {
        static final int SHAPE = 0;
        static final int TYPE = 1;
        static final int BUFFER = 2;
        static final int NAME = 3;
        static final int QUANTIZATION = 4;

        private Tensor() {}
    }

    static final class Quantization {
        static final int SCALE = 2;
        static final int ZERO_POINT = 3;
        static final int QUANTIZED_DIMENSION = 6;

        private Quantization() {}
    }

    static final class Operator {
        static final int OPCODE_INDEX = 0;
        static final int INPUTS = 1;
        static final int OUTPUTS = 2;
        static final int BUILTIN_OPTIONS_TYPE = 3;
        static final int BUILTIN_OPTIONS = 4;

        private Operator() {}
    }

    static final class Buffer {
        static final int DATA = 0;
        static final int OFFSET = 1;
        static final int SIZE = 2;

        private Buffer() {}
    }

    static final class Metadata {
        static final int NAME = 0;
        static final int BUFFER = 1;

        private Metadata() {}
    }

    /** BuiltinOptions union member ids (0 = NONE). */
    static final class OptionsType {
        static final int CONV_2D = 1;
        static final int DEPTHWISE_CONV_2D = 2;
        static final int POOL_2D = 5;
        static final int FULLY_CONNECTED = 8;
        static final int SOFTMAX = 9;
        static final int ADD = 11;
        static final int RESHAPE = 17;
        static final int REDUCER = 27;
        static final int SQUEEZE = 30;

        private OptionsType() {}
    }
}
