package dev.signdigits.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.signdigits.progress.ProgressBar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.signdigits.eval.EpochMetrics;

/**
 * The epoch loop over cached features: shuffled batches (one augmentation variant of each photo
 * per epoch), Adam with warm-up and cosine decay, validation, checkpoint after every epoch, best
 * weights kept, early stopping. Every epoch's randomness derives from (seed, epoch), so a resumed
 * run sees the same batches as an uninterrupted one.
 */
final class TailTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(TailTrainer.class);

    private final TailNetwork tail;
    private final NDManager manager;
    private final TrainingConfig config;
    private final CheckpointStore checkpoints;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    TailTrainer(TailNetwork tail, NDManager manager, TrainingConfig config, CheckpointStore checkpoints) {
        this.tail = tail;
        this.manager = manager;
        this.config = config;
        this.checkpoints = checkpoints;
    }

    /**
     * The weights the run ended with when they are a mean ({@link TrainingConfig#averagedEpochs()}).
     *
     * @param firstEpoch  the first epoch in the mean
     * @param lastEpoch   the last
     * @param valAccuracy the mean weights' validation accuracy
     */
    record Averaged(int firstEpoch, int lastEpoch, double valAccuracy) {}

    private Averaged averaged;

    /** The mean the last {@link #train} left in the tail, or null when it left the best epoch's weights. */
    Averaged averaged() {
        return averaged;
    }

    /**
     * Trains until the epoch budget or early stopping; leaves in the tail the mean of the last
     * epochs' weights ({@link TrainingConfig#averagedEpochs()}, when training reached them), else the
     * best validation epoch's.
     */
    TrainingState train(int trainPhotos, IntFunction<FeatureCache> trainForEpoch, FeatureCache val, String configHash,
                        Map<String, String> settings, boolean resume) {
        int stepsPerEpoch = (trainPhotos + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(),
                Math.min(stepsPerEpoch, totalSteps / 10 + 1), totalSteps, 0.02f);
        var trainable = tail.trainableParameters();
        try (Adam adam = new Adam(trainable, manager, config.weightDecay())) {
            TrainingState state = new TrainingState(0, 0, 0, -1, Double.MAX_VALUE, 0, List.of(), configHash,
                    settings);
            WeightAverage average = new WeightAverage();
            if (resume && checkpoints.latestState().isPresent()) {
                state = checkpoints.latestState().get();
                checkpoints.restoreLatest(tail.allParameters(), adam);
                average = checkpoints.latestAverage();
                LOG.info("Resuming after epoch {} of {}", state.completedEpochs(), config.epochs());
            }
            ParameterStore store = new ParameterStore(manager, false);
            while (state.completedEpochs() < config.epochs() && state.epochsWithoutImprovement() < config.patience()) {
                FeatureCache train = trainForEpoch.apply(state.completedEpochs() + 1);
                state = runEpoch(state, train, val, rowsBySource(train), schedule, adam, store, average);
            }
            if (average.epochs() > 0) {
                average.applyTo(tail.trainableParameters());
                double[] valLossAcc = evaluate(val, store);
                LOG.info(String.format(Locale.ROOT, "weights: the mean of epochs %d-%d | val loss %.4f acc %.4f"
                                + " (best single epoch: %d, val acc %.4f)", average.firstEpoch(), state.completedEpochs(),
                        valLossAcc[0], valLossAcc[1], state.bestEpoch(), state.bestValAccuracy()));
                averaged = new Averaged(average.firstEpoch(), state.completedEpochs(), valLossAcc[1]);
            } else if (checkpoints.hasBest()) {
                checkpoints.restoreBest(tail.allParameters());
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write a checkpoint", e);
        }
    }

    private TrainingState runEpoch(TrainingState state, FeatureCache train, FeatureCache val, int[][] variants,
                                   LearningRateSchedule schedule, Adam adam, ParameterStore store, WeightAverage average) {
        int epoch = state.completedEpochs() + 1;
        // Dropout draws from the engine's generator: seed it from (seed, epoch) like the shuffle and the
        // augmentation, so that an epoch after --resume draws the same masks as in an uninterrupted run.
        Engine.getInstance().setRandomSeed(epochSeed(config.seed(), epoch));
        long started = System.nanoTime();
        EpochFit fit = fitEpoch(train, variants, epoch, schedule, adam, store);
        double[] valLossAcc = evaluate(val, store);
        EpochMetrics result = new EpochMetrics(epoch, fit.meanLoss(), fit.accuracy(),
                valLossAcc[0], valLossAcc[1], fit.lastLearningRate(), (System.nanoTime() - started) / 1e9,
                dev.signdigits.system.ProcessMemory.rssBytes());
        LOG.info(String.format(Locale.ROOT, "epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f (%.1fs, RSS %d MB)",
                epoch, result.trainLoss(), result.trainAccuracy(), result.valLoss(), result.valAccuracy(), result.seconds(),
                result.rssBytes() >> 20));
        boolean improved = result.valAccuracy() > state.bestValAccuracy()
                || (result.valAccuracy() == state.bestValAccuracy() && result.valLoss() < state.bestValLoss());
        List<EpochMetrics> history = new ArrayList<>(state.history());
        history.add(result);
        TrainingState next = new TrainingState(epoch, adam.step(),
                improved ? epoch : state.bestEpoch(),
                improved ? result.valAccuracy() : state.bestValAccuracy(),
                improved ? result.valLoss() : state.bestValLoss(),
                improved ? 0 : state.epochsWithoutImprovement() + 1,
                history, state.configHash(), state.settings());
        if (improved) {
            checkpoints.saveBest(tail.allParameters());
        }
        if (epoch > config.epochs() - config.averagedEpochs()) {
            average.add(epoch, tail.trainableParameters());
        }
        checkpoints.save(next, tail.allParameters(), adam, average);
        return next;
    }

    /** The engine seed of one epoch: a mix of the run's seed and the epoch number. */
    static int epochSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x7FFFFFFF);
    }

    /** Mean training loss and accuracy of one epoch, and the learning rate of its last step. */
    record EpochFit(double meanLoss, double accuracy, float lastLearningRate) {}

    /** One pass over shuffled batches (one variant of each photo), each batch one {@link #step}. */
    EpochFit fitEpoch(FeatureCache train, int[][] variants, int epoch, LearningRateSchedule schedule, Adam adam,
                      ParameterStore store) {
        int[] order = epochOrder(variants, epoch);
        double lossSum = 0;
        long correct = 0;
        float lr = 0;
        try (ProgressBar bar = new ProgressBar(String.format(Locale.ROOT, "epoch %2d/%d", epoch, config.epochs()),
                order.length, "img")) {
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(order.length, start + config.batchSize()));
                StopRequest.check();
                lr = schedule.at(adam.step());
                try (NDManager step = manager.newSubManager()) {
                    double[] lossAndCorrect = step(train.batch(step, rows), train.labels(step, rows), lr, adam, store);
                    lossSum += lossAndCorrect[0];
                    correct += (long) lossAndCorrect[1];
                }
                bar.step(rows.length);
                bar.setSuffix(String.format(Locale.ROOT, "loss %.4f acc %.4f", lossSum / (start + rows.length),
                        (double) correct / (start + rows.length)));
            }
        }
        return new EpochFit(lossSum / order.length, (double) correct / order.length, lr);
    }

    /**
     * One optimization step on a batch: forward in training mode, label-smoothed softmax cross-entropy, backward,
     * Adam update. Returns the batch's summed loss and its number of correct answers; the caller
     * closes the manager of {@code x} and {@code y}.
     */
    double[] step(NDArray x, NDArray y, float lr, Adam adam, ParameterStore store) {
        double lossSum;
        long correct;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList logits = tail.forward(store, new NDList(x), true);
            NDArray value = trainingLoss(logits.singletonOrThrow(), y);
            collector.backward(value);
            lossSum = value.getFloat() * x.getShape().get(0);
            correct = countCorrect(logits.singletonOrThrow(), y);
        }
        adam.update(lr);
        return new double[] {lossSum, correct};
    }

    /** Mean loss and accuracy of the tail in inference mode. */
    double[] evaluate(FeatureCache data, ParameterStore store) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.size(); start += config.batchSize()) {
            int[] rows = range(start, Math.min(data.size(), start + config.batchSize()));
            try (NDManager step = manager.newSubManager()) {
                NDArray x = data.batch(step, rows);
                NDArray y = data.labels(step, rows);
                NDList logits = tail.forward(store, new NDList(x), false);
                lossSum += loss.evaluate(new NDList(y), logits).getFloat() * rows.length;
                correct += countCorrect(logits.singletonOrThrow(), y);
            }
        }
        return new double[] {lossSum / data.size(), (double) correct / data.size()};
    }

    /** Softmax probabilities for every row, in row order. */
    float[][] probabilities(FeatureCache data) {
        ParameterStore store = new ParameterStore(manager, false);
        float[][] out = new float[data.size()][];
        for (int start = 0; start < data.size(); start += config.batchSize()) {
            int[] rows = range(start, Math.min(data.size(), start + config.batchSize()));
            try (NDManager step = manager.newSubManager()) {
                NDArray probs = tail.forward(store, new NDList(data.batch(step, rows)), false).singletonOrThrow().softmax(1);
                long classes = probs.getShape().get(1);
                float[] flat = probs.toFloatArray();
                for (int i = 0; i < rows.length; i++) {
                    out[rows[i]] = Arrays.copyOfRange(flat, (int) (i * classes), (int) ((i + 1) * classes));
                }
            }
        }
        return out;
    }

    private int[] epochOrder(int[][] variants, int epoch) {
        SplittableRandom rng = new SplittableRandom(config.seed() * 1_000_003L + epoch);
        int[] order = new int[variants.length];
        for (int s = 0; s < variants.length; s++) {
            int[] v = variants[s];
            order[s] = v[rng.nextInt(v.length)];
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The cache rows of each source photo (its augmented variants). */
    static int[][] rowsBySource(FeatureCache cache) {
        int sources = 0;
        for (int r = 0; r < cache.size(); r++) {
            sources = Math.max(sources, cache.source(r) + 1);
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            lists.add(new ArrayList<>());
        }
        for (int r = 0; r < cache.size(); r++) {
            lists.get(cache.source(r)).add(r);
        }
        int[][] out = new int[sources][];
        for (int s = 0; s < sources; s++) {
            out[s] = lists.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /**
     * Cross-entropy against label-smoothed targets: the true digit gets 1 - s + s/K and every digit
     * s/K. With s = 0 this is the plain softmax cross-entropy the validation loss reports.
     */
    private NDArray trainingLoss(NDArray logits, NDArray labels) {
        float smoothing = config.labelSmoothing();
        if (smoothing == 0f) {
            return loss.evaluate(new NDList(labels), new NDList(logits));
        }
        long classes = logits.getShape().get(1);
        NDArray targets = labels.toType(ai.djl.ndarray.types.DataType.INT32, false).oneHot((int) classes)
                .mul(1f - smoothing).add(smoothing / classes);
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).mean().neg();
    }

    private static long countCorrect(NDArray logits, NDArray labels) {
        try (NDArray predicted = logits.argMax(1).toType(labels.getDataType(), false);
             NDArray eq = predicted.eq(labels)) {
            return eq.sum().getLong();
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
