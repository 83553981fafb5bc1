package dev.signdigits.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines a fine-tuning run. Recorded in full with every model so the run can
 * be reproduced; the CLI turns flags into one of these and the core never reads CLI state.
 *
 * @param dataDir          ImageFolder with one folder per digit
 * @param manifest         split manifest (created with the seed if missing)
 * @param modelsDir        root for raw (imported) and finetuned models
 * @param backbone         name of the imported backbone under models/raw
 * @param inputSize        network input edge in pixels
 * @param fineTuneLayers   how many layers from the end of the network are trained (head included)
 * @param epochs           maximum epochs
 * @param batchSize        training batch size
 * @param learningRate     peak Adam learning rate
 * @param weightDecay      L2 penalty added to gradients
 * @param dropout          dropout rate before the dense head
 * @param labelSmoothing   share of each target's probability spread evenly over all classes
 * @param augmentCopies    augmented variants precomputed per training photo
 * @param flip             mirror augmentation (swaps handedness)
 * @param patience         epochs without validation improvement before stopping early
 * @param seed             seeds the split, augmentation, shuffling and initialization
 * @param featureCache     compute the frozen part once per variant (false = every step, the slow baseline)
 * @param threads          decode/augment threads
 * @param handLocator      "auto", "full", "lite" (train on hand crops, see {@link dev.signdigits.hand.HandFramingSpec}) or "off"
 * @param averageEpochs    the model is the mean of the weights after each of the last this many epochs, at
 *                         most the second half of the run ({@link #averagedEpochs()}, {@link WeightAverage});
 *                         0: the weights of the epoch with the best validation accuracy
 * @param backgroundShare  share of the augmented variants whose background is replaced ({@link Augmentation#backgroundShare()})
 * @param grayscaleShare   share of the augmented variants turned to grey ({@link Augmentation#grayscaleShare()})
 */
public record TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                             int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                             float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                             boolean featureCache, int decodeThreads, String handLocator, int averageEpochs,
                             double backgroundShare, double grayscaleShare, boolean handMask, double degradeShare) {

    public TrainingConfig {
        require(degradeShare >= 0 && degradeShare <= 1, "--degrade-share must be in [0, 1], got " + degradeShare);
        require(inputSize >= 32 && inputSize <= 512, "--input-size must be between 32 and 512, got " + inputSize);
        require(fineTuneLayers >= 1, "--fine-tune-layers must be at least 1 (the dense head), got " + fineTuneLayers);
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1 && batchSize <= 1024, "--batch-size must be between 1 and 1024, got " + batchSize);
        require(learningRate > 0 && learningRate < 1, "--learning-rate must be in (0, 1), got " + learningRate);
        require(weightDecay >= 0, "--weight-decay must not be negative, got " + weightDecay);
        require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
        require(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing must be in [0, 1), got " + labelSmoothing);
        require(augmentCopies >= 1, "--augment-copies must be at least 1, got " + augmentCopies);
        require(patience >= 1, "--patience must be at least 1, got " + patience);
        require(decodeThreads >= 1, "--decode-threads must be at least 1, got " + decodeThreads);
        require(averageEpochs >= 0, "--average-epochs must not be negative, got " + averageEpochs);
        require(backgroundShare >= 0 && backgroundShare <= 1, "--background-share must be in [0, 1], got " + backgroundShare);
        require(grayscaleShare >= 0 && grayscaleShare <= 1, "--grayscale-share must be in [0, 1], got " + grayscaleShare);
        handSpec(handLocator);  // a bad value fails here, naming it
        require(!handMask || handSpec(handLocator).on(), "--hand-mask needs the hand locator (--hand-locator auto, full"
                + " or lite): the mask is drawn from its landmarks; use --no-hand-mask with --hand-locator off");
        require(backgroundShare == 0 || handSpec(handLocator).on(), "--background-share needs the hand locator"
                + " (--hand-locator auto, full or lite): the hand is kept by a mask drawn from its landmarks");
    }

    /** Without degraded variants (the configuration before they existed). */
    public TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                          int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                          float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                          boolean featureCache, int decodeThreads, String handLocator, int averageEpochs,
                          double backgroundShare, double grayscaleShare, boolean handMask) {
        this(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize, learningRate,
                weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, decodeThreads,
                handLocator, averageEpochs, backgroundShare, grayscaleShare, handMask, 0);
    }

    /** Unmasked hand crops (the configuration before masking existed). */
    public TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                          int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                          float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                          boolean featureCache, int decodeThreads, String handLocator, int averageEpochs,
                          double backgroundShare, double grayscaleShare) {
        this(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize, learningRate,
                weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, decodeThreads,
                handLocator, averageEpochs, backgroundShare, grayscaleShare, false, 0);
    }

    /** Without background replacement or grey variants (the configuration before they existed). */
    public TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                          int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                          float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                          boolean featureCache, int decodeThreads, String handLocator, int averageEpochs) {
        this(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize, learningRate,
                weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, decodeThreads,
                handLocator, averageEpochs, 0, 0);
    }

    /** Without the hand locator (the configuration before it existed). */
    public TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                          int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                          float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                          boolean featureCache, int decodeThreads) {
        this(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize, learningRate,
                weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, decodeThreads, "off", 0, 0, 0);
    }

    /** The best validation epoch's weights (the configuration before weight averaging existed). */
    public TrainingConfig(Path dataDir, Path manifest, Path modelsDir, String backbone, int inputSize,
                          int fineTuneLayers, int epochs, int batchSize, float learningRate, float weightDecay,
                          float dropout, float labelSmoothing, int augmentCopies, boolean flip, int patience, long seed,
                          boolean featureCache, int decodeThreads, String handLocator) {
        this(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize, learningRate,
                weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, decodeThreads,
                handLocator, 0, 0, 0);
    }

    /**
     * How many of the last epochs the model's weights are the mean of: {@code averageEpochs}, but no
     * more than half the run (the first epochs' weights are far from where the run ends).
     */
    public int averagedEpochs() {
        return Math.min(averageEpochs, epochs / 2);
    }

    /** The hand framing this run trains with. */
    public dev.signdigits.hand.HandFramingSpec handFraming() {
        dev.signdigits.hand.HandFramingSpec spec = handSpec(handLocator);
        return handMask ? new dev.signdigits.hand.HandFramingSpec(spec.variant(), spec.settings(), spec.crop().withMasked(true))
                : spec;
    }

    private static dev.signdigits.hand.HandFramingSpec handSpec(String value) {
        return dev.signdigits.hand.HandFramingSpec.parse(value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new dev.signdigits.SignDigitsException(message + ".");
        }
    }

    /** Flat string view for provenance, the HTML report and the model card. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data_dir", dataDir.toString());
        m.put("manifest", manifest.toString());
        m.put("backbone", backbone);
        m.put("input_size", Integer.toString(inputSize));
        m.put("fine_tune_layers", Integer.toString(fineTuneLayers));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("weight_decay", Float.toString(weightDecay));
        m.put("dropout", Float.toString(dropout));
        m.put("label_smoothing", Float.toString(labelSmoothing));
        m.put("augment_copies", Integer.toString(augmentCopies));
        m.put("flip", Boolean.toString(flip));
        m.put("patience", Integer.toString(patience));
        m.put("seed", Long.toString(seed));
        m.put("feature_cache", Boolean.toString(featureCache));
        m.put("decode_threads", Integer.toString(decodeThreads));
        if (averageEpochs > 0) {  // absent for best-epoch runs, so their configuration hash is what it was
            m.put("average_epochs", Integer.toString(averageEpochs));
        }
        // absent when 0, so the configuration hash of runs before these options is what it was
        if (backgroundShare > 0) {
            m.put("background_share", Double.toString(backgroundShare));
        }
        if (grayscaleShare > 0) {
            m.put("grayscale_share", Double.toString(grayscaleShare));
        }
        if (degradeShare > 0) {
            m.put("degrade_share", Double.toString(degradeShare));
        }
        m.putAll(handFraming().toProperties(inputSize));
        return m;
    }
}
