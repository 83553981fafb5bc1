package dev.signdigits.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import dev.signdigits.SignDigitsException;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.ModelScores;
import dev.signdigits.eval.Scored;
import dev.signdigits.hand.HandResult;
import dev.signdigits.shape.Combination;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.backbone.PretrainedBackbones;
import dev.signdigits.hand.HandMask;
import dev.signdigits.image.ModelInput;
import dev.signdigits.system.ProcessMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: data, split, backbone, feature cache, fine-tuning, test evaluation and artifacts.
 * The frozen first layers run once per photo variant; only the last layers and the new head train,
 * epoch after epoch, on the cached features. That is what makes a 30-epoch fine-tune take minutes
 * on two CPU cores.
 */
public final class TrainingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);

    private final boolean robustness;

    /** Without the robustness section in the run's evaluation (it adds a minute or two; {@code evaluate} has it). */
    public TrainingPipeline() {
        this(false);
    }

    /** @param robustness whether the run's test evaluation gets the robustness section ({@code train --robustness}) */
    public TrainingPipeline(boolean robustness) {
        this.robustness = robustness;
    }

    public TrainingResult run(TrainingConfig config, boolean resume) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, Duration> timings = new LinkedHashMap<>();

        RunDirectory run = resume
                ? RunDirectory.latestInterrupted(config.modelsDir()).orElseThrow(() -> new SignDigitsException(
                        RunDirectory.nothingToResume(config.modelsDir())))
                : RunDirectory.create(config.modelsDir(), config.seed());
        if (!resume) {
            RunDirectory.noteAbandoned(config.modelsDir(), run);
        }
        CheckpointStore checkpoints = new CheckpointStore(run.workDir());
        String configHash = ConfigHash.of(config);
        checkpoints.latestState().ifPresent(state -> {
            if (!state.configHash().equals(configHash)) {
                throw new SignDigitsException("The interrupted run " + run.runId() + " used different settings ("
                        + SettingsDiff.describe(state.settings(), config.asMap())
                        + "); resume it with the same flags, or start a new run without --resume.");
            }
        });

        long t = System.nanoTime();
        TrainingData data = TrainingData.load(config);
        timings.put("data loading and decoding", since(t));
        LOG.info("Decoded {} train, {} val, {} test photos (RSS {} MB)", data.train().size(), data.val().size(),
                data.test().size(), ProcessMemory.rssBytes() >> 20);

        Path backboneDir = PretrainedBackbones.ensureImported(config.modelsDir(), config.backbone());
        ExecutorService workers = Executors.newFixedThreadPool(config.decodeThreads(), daemon("augment"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) config.seed());
            ImportedBackbone backbone = ImportedBackbone.load(backboneDir, manager);
            FineTuneNetwork network = FineTuneNetwork.build(backbone, data.labels().size(), config.inputSize(),
                    config.dropout(), config.fineTuneLayers(), manager);
            MobileNetSpec spec = network.spec();
            List<NamedLayer> layers = network.layers();
            int cut = network.cut();
            SequentialBlock trunk = network.trunk();
            SequentialBlock full = network.full();
            LOG.info("Fine-tuning the last {} layers (from {}); the first {} run once per photo variant",
                    layers.size() - cut, layers.get(cut).name(), cut);

            checkCacheFits(trunk, spec, data.train().size(), config);
            ModelInput preprocessor = backbone.preprocessing().at(config.inputSize());
            FeatureExtractor extractor = new FeatureExtractor(trunk, manager, preprocessor, 32, workers);
            Augmentation augmentation = Augmentation.defaults(config.flip())
                    .withShares(config.backgroundShare(), config.grayscaleShare())
                    .withDegradeShare(config.degradeShare());
            t = System.nanoTime();
            List<HandMask> masks = config.backgroundShare() > 0 ? HandMasks.of(data, config) : null;
            FeatureCache trainCache = config.featureCache()
                    ? extractor.extract("features train", data.train().images(), data.train().labels(),
                            config.augmentCopies(), augmentation, config.seed(), true, masks)
                    : null;
            FeatureCache valCache = extractor.extract("features val  ", data.val().images(), data.val().labels(), 1, null, 0);
            FeatureCache testCache = extractor.extract("features test ", data.test().images(), data.test().labels(), 1, null, 0);
            timings.put("feature cache", since(t));
            if (trainCache != null) {
                LOG.info("Feature cache: {} train variants, {} MB (RSS {} MB)", trainCache.size(), trainCache.bytes() >> 20,
                        ProcessMemory.rssBytes() >> 20);
            }
            // Without the cache (the Keras-style baseline), the frozen layers run on a fresh
            // augmentation of every photo in every epoch, as they would in a per-step pipeline.
            java.util.function.IntFunction<FeatureCache> trainForEpoch = trainCache != null ? epoch -> trainCache
                    : epoch -> extractor.extract("frozen layers, epoch " + epoch, data.train().images(),
                            data.train().labels(), 1, augmentation, config.seed() * 7919 + epoch, false, masks);

            TailNetwork tail = network.tail();
            TailTrainer trainer = new TailTrainer(tail, manager, config, checkpoints);
            t = System.nanoTime();
            TrainingState state = trainer.train(data.train().size(), trainForEpoch, valCache, configHash, config.asMap(),
                    resume);
            timings.put("training", since(t));

            t = System.nanoTime();
            Combination combination = SecondOpinion.train(data, config, trainer.probabilities(valCache));
            timings.put("hand shape and calibration", since(t));

            t = System.nanoTime();
            float[][] probabilities = trainer.probabilities(testCache);
            List<HandResult> testHands = SecondOpinion.hands(data, "test", data.test());
            ModelScores models = new ModelScores(data.labels(), combination);
            for (int i = 0; i < probabilities.length; i++) {
                models.add(data.test().files().get(i), data.test().labels()[i], probabilities[i], testHands.get(i),
                        data.test().groups().get(i));
            }
            List<Scored> scored = models.served();
            Evaluation evaluation = Evaluation.of(data.labels(), scored);
            timings.put("test evaluation", since(t));

            double seconds = (System.nanoTime() - started) / 1e9;
            TailTrainer.Averaged averaged = trainer.averaged();
            String weights = averaged == null ? "epoch " + state.bestEpoch()
                    : "mean of epochs " + averaged.firstEpoch() + "-" + averaged.lastEpoch();
            double valAccuracy = averaged == null ? state.bestValAccuracy() : averaged.valAccuracy();
            RunArtifacts artifacts = new RunArtifacts(run, config, configHash, spec, backbone, data, preprocessor,
                    state, weights, valAccuracy, evaluation, timings, startedAt, seconds, combination, testHands,
                    models.accuracies(), robustness);
            Path modelDir = artifacts.publish(full);
            return new TrainingResult(run.runId(), modelDir, state.completedEpochs(), state.bestEpoch(), weights,
                    valAccuracy, evaluation.accuracy(), evaluation.correct(),
                    scored.size(), seconds, ProcessMemory.peakRssBytes());
        } finally {
            workers.shutdownNow();
        }
    }

    /** The feature cache lives on the Java heap: refuse up front, with the numbers, if it cannot fit. */
    private static void checkCacheFits(SequentialBlock trunk, MobileNetSpec spec, int photos, TrainingConfig config) {
        if (!config.featureCache()) {
            return;
        }
        long perVariant = trunk.getOutputShapes(new ai.djl.ndarray.types.Shape[] {spec.inputShape(1)})[0].size();
        long needed = perVariant * photos * config.augmentCopies();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap * 0.7) {
            throw new SignDigitsException(String.format(java.util.Locale.ROOT,
                    "The feature cache needs %d MB but the Java heap is %d MB: lower --augment-copies or --input-size,"
                            + " train more layers (--fine-tune-layers), or raise the heap with JAVA_OPTS=-Xmx...",
                    needed >> 20, heap >> 20), SignDigitsException.ENVIRONMENT, null);
        }
        LOG.info("Feature cache will take {} MB of the {} MB heap", needed >> 20, heap >> 20);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        };
    }

}
