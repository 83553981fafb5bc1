package dev.signdigits.hand;

import dev.signdigits.image.ModelInput;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one step that turns a decoded, upright photo into the square a digit model reads. With the
 * locator off it is {@link ModelInput#frame}; with it on, the photo goes to a {@link HandLocator}
 * and the hand is cropped by the spec's {@link HandCrop} at exactly the model's input edge, so
 * {@link ModelInput#frame} and {@code resize} leave the crop as it is and training, evaluation,
 * calibration and serving read the same pixels. No hand is a result ({@link FramedPhoto#readable()}
 * false), not an exception.
 *
 * <p>Thread-safe: a locator is not, so each call borrows one from a pool that grows to the number
 * of threads calling at once (each holds two TFLite interpreters, three with the landmark refinement, a few MB). {@link #close()} frees
 * them; call it once no call is running.
 */
public final class HandFraming implements AutoCloseable {
    private final HandFramingSpec spec;
    private final int inputSize;
    private final HandModels.ModelPaths models;
    private final ConcurrentLinkedQueue<HandLocator> idle = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<HandLocator> all = new ConcurrentLinkedQueue<>();

    private HandFraming(HandFramingSpec spec, int inputSize, HandModels.ModelPaths models) {
        this.spec = spec;
        this.inputSize = inputSize;
        this.models = models;
    }

    /** Today's whole-photo framing. */
    public static HandFraming off(int inputSize) {
        return new HandFraming(HandFramingSpec.OFF, inputSize, null);
    }

    /**
     * Framing by {@code spec}; the hand model files are found (or fetched) under {@code modelsDir}
     * and one locator is opened at once, so a missing or broken file fails here (exit code 3).
     */
    public static HandFraming open(HandFramingSpec spec, int inputSize, Path modelsDir) {
        return spec.on() ? opened(spec, inputSize, HandModels.locate(modelsDir, spec.variant(), spec.settings().refinement())) : off(inputSize);
    }

    /** As {@link #open}, with the hand model files from {@code handModelsDir} only (no mirror, no download). */
    public static HandFraming openFrom(HandFramingSpec spec, int inputSize, Path handModelsDir) {
        return spec.on() ? opened(spec, inputSize, HandModels.inDirectory(handModelsDir, spec.variant())) : off(inputSize);
    }

    private static HandFraming opened(HandFramingSpec spec, int inputSize, HandModels.ModelPaths models) {
        HandFraming framing = new HandFraming(spec, inputSize, models);
        framing.release(framing.borrow());
        return framing;
    }

    /**
     * Where the hand model files are looked for by loaders that are given no models root: the
     * default {@code --models-dir} (then the offline mirror, see {@link HandModels}).
     */
    public static final Path DEFAULT_MODELS_DIR = Path.of("models");

    /** {@link #forModel(Map, String, int, Path)} with {@link #DEFAULT_MODELS_DIR}. */
    public static HandFraming forModel(Map<String, String> properties, String source, int inputSize) {
        return forModel(properties, source, inputSize, DEFAULT_MODELS_DIR);
    }

    /** The framing a model's properties (model.json provenance, export metadata) record. */
    public static HandFraming forModel(Map<String, String> properties, String source, int inputSize, Path modelsDir) {
        return open(HandFramingSpec.fromProperties(properties, source), inputSize, modelsDir);
    }

    /**
     * As {@link #forModel(Map, String, int)}; {@code handModelsDir}, when not null, is the one
     * directory the hand model files must be in (see {@link #openFrom}).
     */
    public static HandFraming forModel(Map<String, String> properties, String source, int inputSize, Path modelsDir,
                                       Path handModelsDir) {
        HandFramingSpec spec = HandFramingSpec.fromProperties(properties, source);
        return handModelsDir == null ? open(spec, inputSize, modelsDir) : openFrom(spec, inputSize, handModelsDir);
    }

    /**
     * As {@link #forModel(Map, String, int, Path, Path)}, with {@code requested} (a
     * {@code --hand-locator} value, null for the recorded framing) applied by {@link HandFramingSpec#choose},
     * and each locator with {@code threads} TFLite threads.
     */
    public static HandFraming forModel(Map<String, String> properties, String source, int inputSize, Path modelsDir,
                                       Path handModelsDir, String requested, int threads) {
        HandFramingSpec chosen = HandFramingSpec.choose(HandFramingSpec.fromProperties(properties, source), requested, source);
        HandFramingSpec spec = new HandFramingSpec(chosen.variant(), chosen.settings().withThreads(threads), chosen.crop());
        return handModelsDir == null ? open(spec, inputSize, modelsDir) : openFrom(spec, inputSize, handModelsDir);
    }

    public HandFramingSpec spec() {
        return spec;
    }

    public int inputSize() {
        return inputSize;
    }

    public boolean locates() {
        return spec.on();
    }

    /** How many locators the pool has opened: at most the number of threads that ever called {@link #frame} at once. */
    public int locators() {
        return all.size();
    }

    /** The square the model reads, with the locator's answer when it is on. */
    public FramedPhoto frame(BufferedImage photo) {
        if (!spec.on()) {
            return new FramedPhoto(ModelInput.frame(photo, inputSize), null);
        }
        RgbFrame frame = RgbFrame.of(photo);
        HandLocator locator = borrow();
        HandResult result;
        try {
            result = locator.locate(frame);
        } finally {
            release(locator);
        }
        if (result instanceof HandResult.Found hand) {
            return new FramedPhoto(spec.crop().crop(frame, hand.landmarks(), inputSize), hand);
        }
        return new FramedPhoto(null, result);
    }

    /**
     * The locator's answer alone, without the crop: what {@link #frame(BufferedImage)} crops by.
     * Only for a framing that {@link #locates()}.
     */
    public HandResult locate(BufferedImage photo) {
        if (!spec.on()) {
            throw new IllegalStateException("this framing does not locate hands");
        }
        HandLocator locator = borrow();
        try {
            return locator.locate(RgbFrame.of(photo));
        } finally {
            release(locator);
        }
    }

    /**
     * As {@link #frame(BufferedImage)}, with the locator's answer for this photo already known (from
     * {@link #locate} on the same pixels, e.g. cached): crops by it instead of locating again.
     */
    public FramedPhoto frame(BufferedImage photo, HandResult located) {
        if (!spec.on()) {
            return frame(photo);
        }
        if (located instanceof HandResult.Found hand) {
            return new FramedPhoto(spec.crop().crop(RgbFrame.of(photo), hand.landmarks(), inputSize), hand);
        }
        return new FramedPhoto(null, located);
    }

    /** Locators open now (each two or three TFLite interpreters); 0 when off, or after {@link #close()}. */
    public int openLocators() {
        return all.size();
    }

    private HandLocator borrow() {
        HandLocator locator = idle.poll();
        if (locator == null) {
            locator = HandLocator.open(models, spec.settings());
            all.add(locator);
        }
        return locator;
    }

    private void release(HandLocator locator) {
        idle.add(locator);
    }

    @Override
    public void close() {
        HandLocator locator;
        while ((locator = all.poll()) != null) {
            locator.close();
        }
        idle.clear();
    }
}
