package dev.signdigits.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.signdigits.hand.HandMask;
import dev.signdigits.model.StreamingForward;
import dev.signdigits.image.ModelInput;
import dev.signdigits.progress.ProgressBar;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * Runs the frozen trunk once per (photo, variant) and fills a {@link FeatureCache}. Augmentation
 * and normalization run on worker threads a few batches ahead while the native trunk runs on this
 * thread, in a fixed order, so the cache is identical from run to run.
 */
final class FeatureExtractor {
    private final SequentialBlock trunk;
    private final NDManager manager;
    private final ModelInput preprocessor;
    private final int batchSize;
    private final ExecutorService workers;

    FeatureExtractor(SequentialBlock trunk, NDManager manager, ModelInput preprocessor, int batchSize, ExecutorService workers) {
        this.trunk = trunk;
        this.manager = manager;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
        this.workers = workers;
    }

    /**
     * Features for {@code copies} variants of each image: variant 0 is the plain photo, the others
     * are augmented with generators seeded by (seed, photo, variant).
     */
    FeatureCache extract(String task, List<BufferedImage> images, int[] labels, int copies, Augmentation augmentation,
                         long seed) {
        return extract(task, images, labels, copies, augmentation, seed, true);
    }

    /**
     * As above; with {@code plainFirst} false every variant is augmented (the no-cache mode draws
     * one fresh augmentation of each photo per epoch).
     */
    FeatureCache extract(String task, List<BufferedImage> images, int[] labels, int copies, Augmentation augmentation,
                         long seed, boolean plainFirst) {
        return extract(task, images, labels, copies, augmentation, seed, plainFirst, null);
    }

    /**
     * As above; {@code masks} (one per image, or null) let the augmentation put each photo's hand
     * over new backgrounds ({@link Augmentation#backgroundShare()}).
     */
    FeatureCache extract(String task, List<BufferedImage> images, int[] labels, int copies, Augmentation augmentation,
                         long seed, boolean plainFirst, List<HandMask> masks) {
        int jobs = images.size() * copies;
        ParameterStore store = new ParameterStore(manager, false);
        FeatureCache[] cache = {null};
        try (ProgressBar bar = new ProgressBar(task, jobs, "img")) {
            new InputPipeline(workers).run(jobs, batchSize,
                    (from, to) -> prepare(preprocessor, images, copies, augmentation, seed, plainFirst, from, to, masks),
                    (start, end, input) -> {
                        StopRequest.check();
                        Features features = runTrunk(input, end - start, store);
                        if (cache[0] == null) {
                            cache[0] = new FeatureCache(features.shape());
                        }
                        int[] batchLabels = new int[end - start];
                        int[] sources = new int[end - start];
                        for (int j = start; j < end; j++) {
                            sources[j - start] = j / copies;
                            batchLabels[j - start] = labels[j / copies];
                        }
                        cache[0].addBatch(features.values(), batchLabels, sources);
                        bar.step(end - start);
                    });
        }
        return cache[0];
    }

    /** How this extractor prepares a photo for the trunk. */
    ModelInput input() {
        return preprocessor;
    }

    /** Trunk outputs of a batch, flat, and the shape of one image's output. */
    private record Features(float[] values, Shape shape) {}

    private Features runTrunk(float[] input, int n, ParameterStore store) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(FloatBuffer.wrap(input), new Shape(n, 3, preprocessor.inputSize(), preprocessor.inputSize()));
            NDArray out = StreamingForward.run(trunk.getChildren().values(), store, new NDList(x)).singletonOrThrow();
            return new Features(out.toFloatArray(), out.getShape().slice(1));
        }
    }

    /**
     * Normalized input of jobs {@code [from, to)}, job {@code j} being variant {@code j % copies} of
     * photo {@code j / copies}. Thread-safe: runs on worker threads. Variant 0 of a photo (when
     * {@code plainFirst}) is exactly what every runtime computes for that photo in serving.
     */
    static float[] prepare(ModelInput preprocessor, List<BufferedImage> images, int copies, Augmentation augmentation, long seed, boolean plainFirst,
                    int from, int to) {
        return prepare(preprocessor, images, copies, augmentation, seed, plainFirst, from, to, null);
    }

    static float[] prepare(ModelInput preprocessor, List<BufferedImage> images, int copies, Augmentation augmentation, long seed, boolean plainFirst,
                    int from, int to, List<HandMask> masks) {
        int per = preprocessor.valuesPerImage();
        float[] input = new float[(to - from) * per];
        for (int j = from; j < to; j++) {
            int source = j / copies;
            int variant = j % copies;
            BufferedImage img = images.get(source);
            BufferedImage sized = (plainFirst && variant == 0) || augmentation == null
                    ? preprocessor.resize(img)
                    : augmentation.apply(img, preprocessor.inputSize(),
                            new SplittableRandom(seed ^ (source * 0x9E3779B97F4A7C15L) ^ (variant * 0xC2B2AE3D27D4EB4FL)),
                            masks == null ? null : masks.get(source));
            preprocessor.toChw(sized, input, (j - from) * per);
        }
        return input;
    }
}
