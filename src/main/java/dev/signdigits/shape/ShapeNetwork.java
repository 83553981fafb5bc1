package dev.signdigits.shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The hand-shape classifier: {@code inputs -> hidden (ReLU) -> outputs}, softmax on top. Weights
 * are row-major by input ({@code w1[i * hidden + j]} connects input i to hidden unit j), the layout
 * of a TFLite FULLY_CONNECTED weight transposed and of an ONNX MatMul's right operand.
 *
 * <p>It travels as one text property of the image model ({@link #toProperty()}), so every file the
 * model is exported to (model.json, the TFLite and ONNX metadata) carries its second opinion.
 */
public record ShapeNetwork(int inputs, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2) {

    public ShapeNetwork {
        if (inputs < 1 || hidden < 1 || outputs < 2 || w1.length != inputs * hidden || b1.length != hidden
                || w2.length != hidden * outputs || b2.length != outputs) {
            throw new IllegalArgumentException("inconsistent hand-shape network " + inputs + "-" + hidden + "-" + outputs);
        }
    }

    /** Logits (before softmax) for one feature vector. */
    public float[] logits(float[] x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("the hand-shape network reads " + inputs + " features, got " + x.length);
        }
        float[] h = new float[hidden];
        System.arraycopy(b1, 0, h, 0, hidden);
        for (int i = 0; i < inputs; i++) {
            float xi = x[i];
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                h[j] += xi * w1[row + j];
            }
        }
        float[] z = new float[outputs];
        System.arraycopy(b2, 0, z, 0, outputs);
        for (int j = 0; j < hidden; j++) {
            float hj = Math.max(0f, h[j]);
            if (hj == 0f) {
                continue;
            }
            int row = j * outputs;
            for (int k = 0; k < outputs; k++) {
                z[k] += hj * w2[row + k];
            }
        }
        return z;
    }

    public float[] probabilities(float[] x) {
        return Softmax.of(logits(x));
    }

    /** {@code "inputs,hidden,outputs:"} then the little-endian float32 weights (w1, b1, w2, b2) in base64. */
    public String toProperty() {
        ByteBuffer bytes = ByteBuffer.allocate(4 * (w1.length + b1.length + w2.length + b2.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : new float[][] {w1, b1, w2, b2}) {
            for (float f : a) {
                bytes.putFloat(f);
            }
        }
        return inputs + "," + hidden + "," + outputs + ":" + Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Reads {@link #toProperty()}; a damaged value fails with {@link IllegalArgumentException}. */
    public static ShapeNetwork fromProperty(String value) {
        int colon = value.indexOf(':');
        String[] dims = colon < 0 ? new String[0] : value.substring(0, colon).split(",");
        if (dims.length != 3) {
            throw new IllegalArgumentException("not a hand-shape network (expected \"inputs,hidden,outputs:base64\")");
        }
        int in = Integer.parseInt(dims[0].trim());
        int hid = Integer.parseInt(dims[1].trim());
        int out = Integer.parseInt(dims[2].trim());
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(value.substring(colon + 1))).order(ByteOrder.LITTLE_ENDIAN);
        long expected = 4L * ((long) in * hid + hid + (long) hid * out + out);
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException("hand-shape network " + in + "-" + hid + "-" + out + " needs " + expected
                    + " bytes of weights, got " + bytes.remaining());
        }
        float[][] parts = {new float[in * hid], new float[hid], new float[hid * out], new float[out]};
        for (float[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = bytes.getFloat();
            }
        }
        return new ShapeNetwork(in, hid, out, parts[0], parts[1], parts[2], parts[3]);
    }
}
