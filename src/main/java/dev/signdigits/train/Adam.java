package dev.signdigits.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam whose state (step count, first and second moments) we own, so a checkpoint can save and
 * restore it and {@code --resume} continues exactly where a killed run stopped. DJL's Adam keeps
 * its moments private. Gradients are zeroed after each update (PyTorch accumulates them).
 */
final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f; // Keras' default, which the classic recipe used

    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private final NDManager stateManager;
    private final float weightDecay;
    private long step;

    /** @param parameters the trainable parameters by stable name (not DJL's per-process ids) */
    Adam(Map<String, Parameter> parameters, NDManager manager, float weightDecay) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.stateManager = manager.newSubManager();
        this.weightDecay = weightDecay;
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            NDArray m = stateManager.zeros(w.getShape(), w.getDataType());
            NDArray v = stateManager.zeros(w.getShape(), w.getDataType());
            moments.put(e.getKey(), new NDArray[] {m, v});
        }
    }

    long step() {
        return step;
    }

    /**
     * One update of every parameter with the gradients from the last backward pass, each in one
     * native call (the engine's fused Adam: L2 weight decay added to the gradient, moments updated
     * in place, bias-corrected step, gradient zeroed) instead of a dozen array operations from Java.
     */
    void update(float learningRate) {
        step++;
        float correction = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            NDArray[] mv = moments.get(e.getKey());
            try (NDArray grad = w.getGradient()) {
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, mv[0], mv[1]), new NDList(w), learningRate,
                        correction, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON, false, false);
            }
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        out.writeInt(moments.size());
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            for (NDArray a : e.getValue()) {
                float[] values = a.toFloatArray();
                out.writeInt(values.length);
                for (float f : values) {
                    out.writeFloat(f);
                }
            }
        }
    }

    void load(DataInputStream in) throws IOException {
        step = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            NDArray[] mv = moments.get(name);
            if (mv == null) {
                throw new IOException("checkpoint has optimizer state for unknown parameter " + name);
            }
            for (NDArray a : mv) {
                float[] values = new float[in.readInt()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                a.set(values);
            }
        }
    }

    static List<String> names(Map<String, Parameter> parameters) {
        return List.copyOf(parameters.keySet());
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
