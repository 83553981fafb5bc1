package dev.signdigits.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named parameter values, independent of DJL's positional .params layout, for checkpoints. */
final class ParameterFile {
    private static final int MAGIC = 0x53445031; // "SDP1"

    private ParameterFile() {}

    static void write(Map<String, Parameter> parameters, DataOutputStream out) throws IOException {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        parameters.forEach((name, p) -> arrays.put(name, p.getArray().toFloatArray()));
        writeArrays(arrays, out);
    }

    /** Named float arrays in the same format (the PyTorch-Python peer benchmark reads it too). */
    static void writeArrays(Map<String, float[]> arrays, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(arrays.size());
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (float v : e.getValue()) {
                out.writeFloat(v);
            }
        }
    }

    /** Named float arrays as {@link #writeArrays} wrote them, in order. */
    static Map<String, float[]> readArrays(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a signdigits checkpoint parameter file");
        }
        int n = in.readInt();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            float[] values = new float[in.readInt()];
            for (int k = 0; k < values.length; k++) {
                values[k] = in.readFloat();
            }
            arrays.put(name, values);
        }
        return arrays;
    }

    static void read(Map<String, Parameter> parameters, DataInputStream in) throws IOException {
        for (Map.Entry<String, float[]> e : readArrays(in).entrySet()) {
            String name = e.getKey();
            float[] values = e.getValue();
            Parameter p = parameters.get(name);
            if (p == null) {
                throw new IOException("checkpoint has parameter " + name + " which this network lacks");
            }
            NDArray array = p.getArray();
            if (array.size() != values.length) {
                throw new IOException("checkpoint parameter " + name + " has " + values.length
                        + " values, the network expects " + array.size());
            }
            array.set(values);
        }
    }
}
