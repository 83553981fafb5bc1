package dev.signdigits.model.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One protobuf message being written, field by field, in wire format. Nested messages are written
 * to their own buffer first and embedded as length-delimited fields. Default values are written
 * like any other (proto3 readers accept them).
 */
public final class ProtoMessage {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    public ProtoMessage int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    public ProtoMessage int32(int field, int value) {
        return write(() -> out.writeInt32(field, value));
    }

    public ProtoMessage float32(int field, float value) {
        return write(() -> out.writeFloat(field, value));
    }

    public ProtoMessage string(int field, String value) {
        return write(() -> out.writeByteArray(field, value.getBytes(StandardCharsets.UTF_8)));
    }

    public ProtoMessage bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    public ProtoMessage message(int field, ProtoMessage value) {
        return bytes(field, value.toByteArray());
    }

    /** A repeated int64 field, packed (one length-delimited run of varints). */
    public ProtoMessage packedInt64s(int field, long... values) {
        return write(() -> {
            int size = 0;
            for (long v : values) {
                size += CodedOutputStream.computeInt64SizeNoTag(v);
            }
            out.writeTag(field, 2);
            out.writeUInt32NoTag(size);
            for (long v : values) {
                out.writeInt64NoTag(v);
            }
        });
    }

    /** Little-endian float32 bytes, as ONNX's raw_data holds them. */
    public static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    public byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private ProtoMessage write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e); // ByteArrayOutputStream never fails
        }
        return this;
    }
}
