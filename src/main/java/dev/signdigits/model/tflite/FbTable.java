package dev.signdigits.model.tflite;

import com.google.flatbuffers.Table;
import dev.signdigits.SignDigitsException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One flatbuffer table, read by field index with every offset checked against the file size, so a
 * truncated or corrupt file fails with a sentence naming the offset instead of an
 * IndexOutOfBoundsException deep inside flatbuffers. Field {@code i} lives in vtable slot
 * {@code 4 + 2 i}; a union takes two fields (its type byte, then its table).
 */
final class FbTable extends Table {
    private final String source;

    private FbTable(String source, ByteBuffer buffer, int position) {
        this.source = source;
        check(buffer, source, position, 4, "table");
        int vtable = position - buffer.getInt(position);
        check(buffer, source, vtable, 4, "vtable");
        check(buffer, source, vtable, buffer.getShort(vtable) & 0xffff, "vtable");
        __reset(position, buffer);
    }

    /** The root table of a finished flatbuffer (little-endian, root offset at 0). */
    static FbTable root(ByteBuffer buffer, String source) {
        ByteBuffer bb = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        check(bb, source, 0, 4, "root offset");
        return new FbTable(source, bb, bb.getInt(0));
    }

    int uint8(int field, int fallback) {
        int p = field(field, 1);
        return p == 0 ? fallback : bb.get(p) & 0xff;
    }

    int int8(int field, int fallback) {
        int p = field(field, 1);
        return p == 0 ? fallback : bb.get(p);
    }

    boolean bool(int field) {
        return uint8(field, 0) != 0;
    }

    int int32(int field, int fallback) {
        int p = field(field, 4);
        return p == 0 ? fallback : bb.getInt(p);
    }

    long int64(int field, long fallback) {
        int p = field(field, 8);
        return p == 0 ? fallback : bb.getLong(p);
    }

    float float32(int field, float fallback) {
        int p = field(field, 4);
        return p == 0 ? fallback : bb.getFloat(p);
    }

    /** A string field, or null when absent. */
    String string(int field) {
        int start = vectorStart(field, 1);
        if (start < 0) {
            return null;
        }
        int length = bb.getInt(start - 4);
        byte[] bytes = new byte[length];
        bb.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A sub-table (or a union's value), or null when absent. */
    FbTable table(int field) {
        int p = field(field, 4);
        return p == 0 ? null : follow(p);
    }

    int vectorLength(int field) {
        int start = vectorStart(field, 1);
        return start < 0 ? 0 : bb.getInt(start - 4);
    }

    /** Element {@code i} of a vector of tables. */
    FbTable tableAt(int field, int i) {
        int start = vectorStart(field, 4);
        return follow(start + 4 * i);
    }

    int[] int32s(int field) {
        int start = vectorStart(field, 4);
        int[] values = new int[start < 0 ? 0 : bb.getInt(start - 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getInt(start + 4 * i);
        }
        return values;
    }

    long[] int64s(int field) {
        int start = vectorStart(field, 8);
        long[] values = new long[start < 0 ? 0 : bb.getInt(start - 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getLong(start + 8 * i);
        }
        return values;
    }

    float[] float32s(int field) {
        int start = vectorStart(field, 4);
        float[] values = new float[start < 0 ? 0 : bb.getInt(start - 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getFloat(start + 4 * i);
        }
        return values;
    }

    /** A byte vector as a read-only little-endian view (no copy), empty when absent. */
    ByteBuffer bytes(int field) {
        int start = vectorStart(field, 1);
        if (start < 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return slice(start, bb.getInt(start - 4));
    }

    /** A checked view of {@code length} bytes at absolute {@code offset} of the file. */
    ByteBuffer slice(long offset, long length) {
        check(bb, source, offset, length, "data");
        return bb.slice((int) offset, (int) length).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Absolute position of a scalar field, 0 when the field is absent (its default applies). */
    private int field(int field, int size) {
        int offset = __offset(4 + 2 * field);
        if (offset == 0) {
            return 0;
        }
        check(bb, source, bb_pos + (long) offset, size, "field");
        return bb_pos + offset;
    }

    /** Absolute position of a vector's first element, -1 when absent; checks the whole vector. */
    private int vectorStart(int field, int elementSize) {
        int p = field(field, 4);
        if (p == 0) {
            return -1;
        }
        long vector = p + (long) bb.getInt(p);
        check(bb, source, vector, 4, "vector length");
        long length = bb.getInt((int) vector) & 0xffffffffL;
        check(bb, source, vector + 4, length * elementSize, "vector");
        return (int) vector + 4;
    }

    private FbTable follow(int position) {
        check(bb, source, position, 4, "offset");
        return new FbTable(source, bb, position + bb.getInt(position));
    }

    private static void check(ByteBuffer bb, String source, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > bb.limit()) {
            throw new SignDigitsException(source + " is truncated or corrupt: a " + what + " at offset "
                    + offset + " (" + length + " bytes) lies beyond the file size of " + bb.limit()
                    + " bytes; download or export the model again.");
        }
    }
}
