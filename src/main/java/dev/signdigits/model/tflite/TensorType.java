package dev.signdigits.model.tflite;

import dev.signdigits.SignDigitsException;

/** Element types of TFLite tensors (schema enum TensorType) with their size in bytes. */
public enum TensorType {
    FLOAT32(0, 4), FLOAT16(1, 2), INT32(2, 4), UINT8(3, 1), INT64(4, 8), STRING(5, 0), BOOL(6, 1),
    INT16(7, 2), COMPLEX64(8, 8), INT8(9, 1), FLOAT64(10, 8), COMPLEX128(11, 16), UINT64(12, 8),
    RESOURCE(13, 0), VARIANT(14, 0), UINT32(15, 4), UINT16(16, 2), INT4(17, 0);

    private final int code;
    private final int bytes;

    TensorType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    /** Bytes per element; 0 for types without a fixed element size. */
    public int bytes() {
        return bytes;
    }

    static TensorType of(int code, String source, String tensorName) {
        for (TensorType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new SignDigitsException(source + ": tensor '" + tensorName + "' has unknown type code " + code
                + "; this file needs a newer TFLite schema than signdigits supports.");
    }
}
