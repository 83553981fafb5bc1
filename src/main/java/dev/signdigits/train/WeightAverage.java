package dev.signdigits.train;

import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running mean of the tail's trainable weights after each epoch of the end of the schedule
 * (stochastic weight averaging). One epoch's best weights are a noisy pick: validation accuracy
 * moves in steps of one photo, and near-ties decide which epoch is kept; the mean of the last
 * epochs sits in the middle of where the cosine-decayed run wandered, and makes no pick at all.
 * Batch norm is frozen in the tail (its statistics are not trained), so the mean needs no
 * statistics pass. Kept in the checkpoint, so a resumed run averages the same epochs.
 */
final class WeightAverage {
    private final Map<String, float[]> mean = new LinkedHashMap<>();
    private int epochs;
    private int firstEpoch;

    /** Adds the weights after {@code epoch} to the mean. */
    void add(int epoch, Map<String, Parameter> trainable) {
        if (epochs == 0) {
            firstEpoch = epoch;
        }
        epochs++;
        trainable.forEach((name, parameter) -> {
            float[] now = parameter.getArray().toFloatArray();
            float[] m = mean.computeIfAbsent(name, k -> new float[now.length]);
            if (m.length != now.length) {
                throw new IllegalStateException("parameter " + name + " changed size during training");
            }
            for (int i = 0; i < m.length; i++) {
                m[i] += (now[i] - m[i]) / epochs;
            }
        });
    }

    /** How many epochs the mean holds (0: none yet). */
    int epochs() {
        return epochs;
    }

    /** The first epoch in the mean (0 when empty). */
    int firstEpoch() {
        return firstEpoch;
    }

    /** Sets the parameters to the mean. */
    void applyTo(Map<String, Parameter> trainable) {
        mean.forEach((name, values) -> {
            Parameter parameter = trainable.get(name);
            if (parameter == null || parameter.getArray().size() != values.length) {
                throw new IllegalStateException("the averaged weights do not fit parameter " + name);
            }
            parameter.getArray().set(values);
        });
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(epochs);
        out.writeInt(firstEpoch);
        ParameterFile.writeArrays(mean, out);
    }

    static WeightAverage read(DataInputStream in) throws IOException {
        WeightAverage average = new WeightAverage();
        average.epochs = in.readInt();
        average.firstEpoch = in.readInt();
        average.mean.putAll(ParameterFile.readArrays(in));
        return average;
    }
}
