package dev.signdigits.model.tflite;

import java.util.Arrays;

/**
 * What calibration measured for each tensor of a {@link dev.signdigits.model.graph.FoldedGraph}
 * (by graph tensor id): the smallest and largest value, which int8 quantization turns into a scale
 * and zero point, and the mean of each channel (channels last, as in NHWC), which bias correction
 * uses to cancel the average error of rounded weights.
 */
public final class ActivationStats {
    private final int[] channels;
    private final float[] min;
    private final float[] max;
    private final double[][] sums;
    private final long[] counts;

    /** @param channels the channel count of each tensor */
    public ActivationStats(int[] channels) {
        this.channels = channels.clone();
        int n = channels.length;
        min = new float[n];
        max = new float[n];
        sums = new double[n][];
        counts = new long[n];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    /** Adds one observation of tensor {@code id} (channels last); NaN is ignored by the range. */
    public void observe(int id, float[] values) {
        int c = channels[id];
        if (values.length % c != 0) {
            throw new IllegalArgumentException("tensor " + id + " has " + values.length + " values, not a multiple of "
                    + c + " channels");
        }
        double[] sum = sums[id] == null ? (sums[id] = new double[c]) : sums[id];
        float lo = min[id];
        float hi = max[id];
        // pixel by pixel, channel by channel: no division per value (this loop is most of calibration's Java time)
        for (int pixel = 0; pixel < values.length; pixel += c) {
            for (int k = 0; k < c; k++) {
                float v = values[pixel + k];
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
                sum[k] += v;
            }
        }
        min[id] = lo;
        max[id] = hi;
        counts[id] += values.length / c;
    }

    /** Adds what {@code other} observed (calibration split over several interpreters). */
    public void add(ActivationStats other) {
        if (!Arrays.equals(channels, other.channels)) {
            throw new IllegalArgumentException("statistics of different graphs");
        }
        for (int id = 0; id < channels.length; id++) {
            min[id] = Math.min(min[id], other.min[id]);
            max[id] = Math.max(max[id], other.max[id]);
            counts[id] += other.counts[id];
            if (other.sums[id] != null) {
                double[] sum = sums[id] == null ? (sums[id] = new double[channels[id]]) : sums[id];
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += other.sums[id][c];
                }
            }
        }
    }

    /** Sets a range known without calibration (e.g. the normalized input's). */
    public void setRange(int id, float lo, float hi) {
        min[id] = lo;
        max[id] = hi;
    }

    public boolean hasRange(int id) {
        return min[id] <= max[id];
    }

    public float min(int id) {
        return check(id, min[id]);
    }

    public float max(int id) {
        return check(id, max[id]);
    }

    /** Mean of each channel of tensor {@code id}, or null if it was never observed. */
    public float[] channelMeans(int id) {
        if (counts[id] == 0) {
            return null;
        }
        float[] means = new float[channels[id]];
        for (int c = 0; c < means.length; c++) {
            means[c] = (float) (sums[id][c] / counts[id]);
        }
        return means;
    }

    private float check(int id, float value) {
        if (!hasRange(id)) {
            throw new IllegalStateException("no calibration range for tensor " + id);
        }
        return value;
    }
}
