package dev.signdigits.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.LayerStack;
import dev.signdigits.image.ModelInput;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The training work the PyTorch-Python peer benchmark compares, run through the code
 * {@code signdigits train} runs: {@link FineTuneNetwork}, {@link FeatureExtractor} (input prepared on
 * workers), {@link TailTrainer#step} and its Adam. Photos are read from disk and decoded inside the
 * timed loop; each workload first runs two warm-up batches, untimed.
 */
final class TrainingWorkloads {
    private static final int BATCH = 32;
    private static final int WARMUP_IMAGES = 2 * BATCH;
    private static final float LEARNING_RATE = 5e-4f;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Seconds per phase of one timed epoch over {@code images} photos, the CPU seconds of the calling
     * thread (with one intra-op thread that is nearly all native work: a measure that other processes
     * on the machine disturb far less than wall time), and the epoch's mean training loss.
     */
    record Timing(int images, Map<String, Double> seconds, double threadCpuSeconds, double meanLoss) {
        double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final TrainingConfig config;
    private final ImportedBackbone backbone;
    private final NDManager manager;
    private final ExecutorService workers;

    TrainingWorkloads(TrainingConfig config, ImportedBackbone backbone, NDManager manager, ExecutorService workers) {
        this.config = config;
        this.backbone = backbone;
        this.manager = manager;
        this.workers = workers;
    }

    /**
     * One epoch of the no-cache path with the trunk frozen: fresh augmentations through the frozen
     * trunk (inference mode), then every batch a training step of the tail (batch norm statistics
     * frozen). Phases: {@code extract} (decode, augment, trunk) and {@code fit} (tail steps).
     */
    Timing frozenTrunkEpoch(List<Path> files, int[] labels) {
        FineTuneNetwork network = network(config.fineTuneLayers());
        FeatureExtractor extractor = extractor(network);
        TailTrainer trainer = new TailTrainer(network.tail(), manager, config, null);
        try (Adam adam = new Adam(network.tail().trainableParameters(), manager, config.weightDecay())) {
            ParameterStore store = new ParameterStore(manager, false);
            Augmentation augmentation = Augmentation.defaults(config.flip());
            int warm = Math.min(WARMUP_IMAGES, files.size());
            FeatureCache warmCache = extractor.extract("warm-up", new DecodingImages(files.subList(0, warm), config.inputSize()),
                    labels, 1, augmentation, config.seed(), false);
            trainer.fitEpoch(warmCache, TailTrainer.rowsBySource(warmCache), 0, constantRate(), adam, store);

            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            FeatureCache cache = extractor.extract("frozen trunk", new DecodingImages(files, config.inputSize()), labels, 1, augmentation,
                    config.seed() + 1, false);
            long t1 = System.nanoTime();
            TailTrainer.EpochFit fit = trainer.fitEpoch(cache, TailTrainer.rowsBySource(cache), 1, constantRate(), adam, store);
            long t2 = System.nanoTime();
            Map<String, Double> seconds = new LinkedHashMap<>();
            seconds.put("extract", (t1 - t0) / 1e9);
            seconds.put("fit", (t2 - t1) / 1e9);
            return new Timing(files.size(), seconds, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9, fit.meanLoss());
        }
    }

    /** One epoch with every layer trained (batch norm statistics frozen, scale and shift learn) on augmented photos. */
    Timing fullNetworkEpoch(List<Path> files, int[] labels) {
        FineTuneNetwork network = network(config.fineTuneLayers());
        LayerStack.freezeAllButLast(network.layers(), network.layers().size());
        TailNetwork all = network.tailFrom(0);
        FeatureExtractor inputs = extractor(network);
        TailTrainer trainer = new TailTrainer(all, manager, config, null);
        try (Adam adam = new Adam(all.trainableParameters(), manager, config.weightDecay())) {
            ParameterStore store = new ParameterStore(manager, false);
            int warm = Math.min(WARMUP_IMAGES, files.size());
            trainOnImages(inputs, trainer, adam, store, new DecodingImages(files.subList(0, warm), config.inputSize()), labels, config.seed());
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            double lossSum = trainOnImages(inputs, trainer, adam, store, new DecodingImages(files, config.inputSize()), labels, config.seed() + 1);
            return new Timing(files.size(), Map.of("fit", (System.nanoTime() - t0) / 1e9),
                    (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9, lossSum / files.size());
        }
    }

    /** One pass of training steps over augmented photos; returns the summed loss. */
    private double trainOnImages(FeatureExtractor inputs, TailTrainer trainer, Adam adam, ParameterStore store,
                                 List<BufferedImage> images, int[] labels, long seed) {
        Augmentation augmentation = Augmentation.defaults(config.flip());
        int size = config.inputSize();
        double[] lossSum = {0};
        new InputPipeline(workers).run(images.size(), BATCH,
                (from, to) -> FeatureExtractor.prepare(inputs.input(), images, 1, augmentation, seed, false, from, to),
                (from, to, input) -> {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(FloatBuffer.wrap(input), new Shape(to - from, 3, size, size));
                        float[] y = new float[to - from];
                        for (int i = from; i < to; i++) {
                            y[i - from] = labels[i];
                        }
                        lossSum[0] += trainer.step(x, step.create(y), LEARNING_RATE, adam, store)[0];
                    }
                });
        return lossSum[0];
    }

    private FineTuneNetwork network(int fineTuneLayers) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        return FineTuneNetwork.build(backbone, 10, config.inputSize(), config.dropout(), fineTuneLayers, manager);
    }

    private FeatureExtractor extractor(FineTuneNetwork network) {
        ModelInput preprocessor = backbone.preprocessing().at(config.inputSize());
        return new FeatureExtractor(network.trunk(), manager, preprocessor, BATCH, workers);
    }

    private static LearningRateSchedule constantRate() {
        return new LearningRateSchedule(LEARNING_RATE, 0, 1, 1f);
    }
}
