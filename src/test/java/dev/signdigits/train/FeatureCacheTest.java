package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FeatureCacheTest {
    private static final Shape FEATURE = new Shape(2, 3, 3);

    @Test
    void batchesComeBackAsTheStoredValuesWithinOneQuantizationStep() {
        FeatureCache cache = filledCache();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = cache.batch(manager, new int[] {2, 0});
            assertThat(batch.getShape()).isEqualTo(new Shape(2, 2, 3, 3));
            float[] values = batch.toFloatArray();
            for (int k = 0; k < 18; k++) {
                assertThat(values[k]).isCloseTo(expected(2, k), within(FeatureCache.MAX / 255f / 2 + 1e-6f));
                assertThat(values[18 + k]).isCloseTo(expected(0, k), within(FeatureCache.MAX / 255f / 2 + 1e-6f));
            }
        }
    }

    @Test
    void anEarlierBatchStaysIntactWhenTheStagingBufferIsReused() {
        FeatureCache cache = filledCache();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = cache.batch(manager, new int[] {1});
            float[] before = first.toFloatArray();
            NDArray second = cache.batch(manager, new int[] {3, 2, 0});
            assertThat(first.toFloatArray()).containsExactly(before);
            assertThat(second.getShape().get(0)).isEqualTo(3);
            assertThat(second.toFloatArray()[0]).isCloseTo(expected(3, 0), within(0.02f));
        }
    }

    @Test
    void valuesOutsideTheReluSixRangeAreClamped() {
        FeatureCache cache = new FeatureCache(new Shape(2));
        cache.addBatch(new float[] {-3f, 9f}, new int[] {0}, new int[] {0});
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(cache.batch(manager, new int[] {0}).toFloatArray()).containsExactly(0f, 6f);
        }
    }

    private static FeatureCache filledCache() {
        FeatureCache cache = new FeatureCache(FEATURE);
        float[] features = new float[4 * 18];
        for (int row = 0; row < 4; row++) {
            for (int k = 0; k < 18; k++) {
                features[row * 18 + k] = expected(row, k);
            }
        }
        cache.addBatch(features, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3});
        return cache;
    }

    private static float expected(int row, int k) {
        return (row * 18 + k) * 6f / 71f;
    }
}
