package dev.signdigits.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Outputs of the frozen part of the network, computed once per (image, augmentation variant) and
 * kept as bytes. The frozen part ends in ReLU6, so values lie in [0, 6]; 8 bits over that range is
 * the precision the quantized ImageNet model itself was trained with, and it cuts memory 4x
 * against floats (a 7x7x1024 map is 50 KB).
 */
final class FeatureCache {
    static final float MAX = 6f;
    private static final float STEP = MAX / 255f;

    private final Shape featureShape;
    private final int featureSize;
    private final List<byte[]> rows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<Integer> sources = new ArrayList<>();
    private ByteBuffer staging;

    FeatureCache(Shape featureShape) {
        this.featureShape = featureShape;
        this.featureSize = (int) featureShape.size();
    }

    Shape featureShape() {
        return featureShape;
    }

    int size() {
        return rows.size();
    }

    int label(int row) {
        return labels.get(row);
    }

    /** Index of the source image in its split, so variants of one photo can be grouped. */
    int source(int row) {
        return sources.get(row);
    }

    /** Adds a batch of float features (N x featureShape) for the given labels and source images. */
    synchronized void addBatch(float[] features, int[] batchLabels, int[] batchSources) {
        for (int i = 0; i < batchLabels.length; i++) {
            byte[] q = new byte[featureSize];
            int base = i * featureSize;
            for (int k = 0; k < featureSize; k++) {
                float v = features[base + k];
                int level = v <= 0 ? 0 : v >= MAX ? 255 : Math.round(v / STEP);
                q[k] = (byte) level;
            }
            rows.add(q);
            labels.add(batchLabels[i]);
            sources.add(batchSources[i]);
        }
    }

    /**
     * The given rows as one float NDArray (N x featureShape) in {@code manager}. The bytes go to the
     * engine as they are and are widened there, through one reused staging buffer: no per-batch
     * float array on the Java heap (a batch of 32 at 160 would be 6.5 MB of garbage per step, which
     * made G1 grow the heap epoch after epoch).
     */
    synchronized NDArray batch(NDManager manager, int[] rowIndices) {
        int needed = rowIndices.length * featureSize;
        if (staging == null || staging.capacity() < needed) {
            staging = ByteBuffer.allocateDirect(needed).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        for (int row : rowIndices) {
            staging.put(rows.get(row));
        }
        staging.flip();
        long[] dims = new long[featureShape.dimension() + 1];
        dims[0] = rowIndices.length;
        System.arraycopy(featureShape.getShape(), 0, dims, 1, featureShape.dimension());
        try (NDArray levels = manager.create(staging, new Shape(dims), DataType.UINT8)) {
            return levels.toType(DataType.FLOAT32, false).muli(STEP);
        }
    }

    NDArray labels(NDManager manager, int[] rowIndices) {
        float[] y = new float[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            y[i] = labels.get(rowIndices[i]);
        }
        return manager.create(y);
    }

    long bytes() {
        return (long) rows.size() * featureSize;
    }

}
