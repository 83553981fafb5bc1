package dev.signdigits.cli;

import dev.signdigits.train.TrainingConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training flags, turned into an immutable {@link TrainingConfig}. Defaults are the measured best. */
public final class TrainOptions {
    /** {@code --hand-locator}'s default; {@code data stats} uses the same, so it reports what train will leave out. */
    public static final String DEFAULT_HAND_LOCATOR = "auto";

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits",
            description = "Dataset in ImageFolder layout (one folder per digit); fetched there if missing.")
    Path dataDir;

    @Option(names = "--manifest", defaultValue = "data/processed/split.csv",
            description = "Train/val/test split manifest; created with --seed if missing.")
    Path manifest;

    @Option(names = "--models-dir", defaultValue = "models",
            description = "Root of raw (imported) and finetuned models.")
    Path modelsDir;

    @Option(names = "--backbone", defaultValue = "mobilenet_v1_1.0_224",
            description = "Imported ImageNet backbone under <models-dir>/raw (imported automatically if missing).")
    String backbone;

    @Option(names = "--input-size", defaultValue = "160",
            description = "Network input edge in pixels (160 measured as accurate as 224 here, at half the cost).")
    int inputSize;

    @Option(names = "--fine-tune-layers", defaultValue = "34",
            description = "Layers trained, counted from the end of the network including the head; the rest stay frozen.")
    int fineTuneLayers;

    @Option(names = "--epochs", defaultValue = "16", description = "Maximum epochs.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Training batch size.")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.0005", description = "Peak Adam learning rate.")
    float learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.0001", description = "L2 weight decay.")
    float weightDecay;

    @Option(names = "--dropout", defaultValue = "0.3", description = "Dropout before the dense head.")
    float dropout;

    @Option(names = "--label-smoothing", defaultValue = "0.1",
            description = "Target probability moved from the true digit to all digits evenly; keeps the head from growing overconfident on the training people.")
    float labelSmoothing;

    @Option(names = "--augment-copies", defaultValue = "8",
            description = "Augmented variants per training photo, computed once through the frozen layers.")
    int augmentCopies;

    @Option(names = "--flip", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Mirror augmentation (a left hand becomes a right hand).")
    boolean flip;

    @Option(names = "--patience", defaultValue = "10", description = "Stop after this many epochs without validation gain.")
    int patience;

    @Option(names = "--average-epochs", defaultValue = "6",
            description = "The model is the mean of the weights after each of the last N epochs, at most the second"
                    + " half of the run (stochastic weight averaging: no pick of one epoch by a validation accuracy that"
                    + " moves a photo at a time); 0: the epoch with the best validation accuracy. Default: ${DEFAULT-VALUE}.")
    int averageEpochs;

    @Option(names = "--background-share", defaultValue = "auto", paramLabel = "SHARE",
            description = "Share of the augmented variants whose background is replaced: the hand (its mask from the"
                    + " locator's landmarks) over gradients, textures, clutter or stripes, so the model reads the hand, not"
                    + " the wall. auto: 0.8 with the hand locator, 0 without it or with --hand-mask (it needs the landmarks; a masked"
                    + " crop shows no background). Default: ${DEFAULT-VALUE}.")
    String backgroundShare;

    @Option(names = "--hand-mask", defaultValue = "false", negatable = true, fallbackValue = "true",
            description = "With the hand locator: grey out everything in the crop that is not hand (a mask drawn from"
                    + " the 21 landmarks), in training and whenever the model reads a photo. Off by default: measured, it"
                    + " lost more on the test split and in grey than it gained over other backgrounds, because the mask"
                    + " inherits every landmark mistake (docs/performance.md). Ignored with --hand-locator off."
                    + " Default: ${DEFAULT-VALUE}.")
    boolean handMask;

    @Option(names = "--degrade-share", defaultValue = "0.3", paramLabel = "SHARE",
            description = "Share of the augmented variants degraded as a cheap camera or dim light would: blur, sensor"
                    + " noise, low-quality JPEG or a dim room, one of them per variant. Default: ${DEFAULT-VALUE}.")
    double degradeShare;

    @Option(names = "--grayscale-share", defaultValue = "0.25", paramLabel = "SHARE",
            description = "Share of the augmented variants turned to grey (greyscale cameras, black-and-white photos)."
                    + " Default: ${DEFAULT-VALUE}.")
    double grayscaleShare;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for split, augmentation, shuffling and init.")
    long seed;

    @Option(names = "--feature-cache", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Run the frozen layers once per photo variant (--no-feature-cache: every step, the slow baseline).")
    boolean featureCache;

    @Option(names = "--decode-threads", defaultValue = "2", description = "Threads for decoding and augmentation.")
    int threads;

    @Option(names = "--hand-locator", defaultValue = DEFAULT_HAND_LOCATOR,
            description = "auto (MediaPipe lite, its landmarks read again by the full landmark model), full or lite: locate"
                    + " the hand in every photo and train on the hand crops; the model then always runs with the locator (as"
                    + " accurate on the test split, far better on small, turned hands and over clutter; serve runs it too and"
                    + " says where the hand is; docs/hand-locator.md). fast: lite without the re-read (about 10 ms less per"
                    + " photo in serve, less accurate over cluttered backgrounds). off: whole photos. Default: ${DEFAULT-VALUE}.")
    String handLocator;

    public TrainingConfig toConfig() {
        return new TrainingConfig(dataDir, manifest, modelsDir, backbone, inputSize, fineTuneLayers, epochs, batchSize,
                learningRate, weightDecay, dropout, labelSmoothing, augmentCopies, flip, patience, seed, featureCache, threads, handLocator,
                averageEpochs, backgroundShare(), grayscaleShare, handMask(), degradeShare);
    }

    /** The mask is drawn from the locator's landmarks: without the locator there is none. */
    private boolean handMask() {
        return handMask && dev.signdigits.hand.HandFramingSpec.parse(handLocator).on();
    }

    /** The background share asked for; auto: 0.8 when the hand locator is on (measured, docs/performance.md), else 0. */
    private double backgroundShare() {
        if (!"auto".equalsIgnoreCase(backgroundShare.trim())) {
            try {
                return Double.parseDouble(backgroundShare.trim());
            } catch (NumberFormatException e) {
                throw new dev.signdigits.SignDigitsException("--background-share must be auto or a share in [0, 1], got '"
                        + backgroundShare + "'.");
            }
        }
        // a masked crop has no background to replace: the model only ever sees grey there
        return dev.signdigits.hand.HandFramingSpec.parse(handLocator).on() && !handMask() ? DEFAULT_BACKGROUND_SHARE : 0;
    }

    static final double DEFAULT_BACKGROUND_SHARE = 0.8;
}
