package dev.signdigits.web;

import dev.signdigits.SignDigitsException;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.predict.RuntimeSelector;
import dev.signdigits.runtime.TensorClassifier;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model being served, swappable while requests run. A reload loads and warms up the new model
 * beside the old one, swaps an atomic reference, and closes the old model only after the batches
 * still using it finish, so no request fails during the swap. A failed reload keeps the old model.
 *
 * <p>Each model is loaded with the framing it records ({@link FramingOpener}): a model trained with
 * the hand locator is always served with it, and a hand model file that is missing or damaged fails
 * the load (at start: serve refuses to start, exit code 3; on reload: the old model keeps serving).
 */
public final class ModelHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    private final Path source;
    private final ClassifierLoader loader;
    private final FramingOpener framings;
    private final Clock clock;
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private final List<Consumer<ModelSnapshot>> swapListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** With the hand model files found as {@code predict} finds them (local copy, offline mirror, download). */
    public ModelHolder(Path source, ClassifierLoader loader, Clock clock) {
        this(source, loader, FramingOpener.recorded(null), clock);
    }

    /**
     * @param source   the configured model directory or pointer; resolved again on every reload
     * @param framings opens the framing each loaded model records
     */
    public ModelHolder(Path source, ClassifierLoader loader, FramingOpener framings, Clock clock) {
        this.source = source;
        this.loader = loader;
        this.framings = framings;
        this.clock = clock;
    }

    /** What a reload did. */
    public record ReloadResult(ModelSnapshot loaded, Optional<String> previousId) {}

    /** Loads the model the source points at now, warms it up, and makes it the one served. */
    public synchronized ReloadResult reload() {
        if (closed) {
            throw new IllegalStateException("model holder is closed");
        }
        try {
            LoadedModel fresh = load(ModelLocator.resolve(source));
            LoadedModel previous = current.getAndSet(fresh);
            if (previous != null) {
                previous.release(); // closes once in-flight batches let go
            }
            reloads.incrementAndGet();
            ModelSnapshot snapshot = fresh.snapshot();
            LOG.info("serving model {} from {} with {} (load {} ms, warm-up {} ms){}", snapshot.id(), snapshot.directory(),
                    snapshot.info().runtime(), snapshot.loadTime().toMillis(), snapshot.warmupTime().toMillis(),
                    Optional.ofNullable(snapshot.info().properties().get(RuntimeSelector.SELECTION_PROPERTY))
                            .map(why -> "; runtime " + why).orElse(""));
            String fallback = snapshot.info().properties().get(RuntimeSelector.FALLBACK_PROPERTY);
            if (fallback != null) { // e.g. a missing or truncated int8 file: several times the memory, maybe past a limit
                LOG.warn("model {} at {} is served with {}, not its preferred runtime, because {}: check the model "
                        + "directory, or expect the memory of {} (docs/deployment.md)", snapshot.id(), snapshot.directory(),
                        snapshot.info().runtime(), fallback, snapshot.info().runtime());
            }
            swapListeners.forEach(listener -> listener.accept(snapshot));
            return new ReloadResult(snapshot, Optional.ofNullable(previous).map(p -> p.snapshot().id()));
        } catch (RuntimeException e) {
            failedReloads.incrementAndGet();
            throw e;
        }
    }

    /** Reloads when the files behind the source changed since the served model was loaded. */
    public synchronized Optional<ReloadResult> reloadIfChanged(String fingerprintNow) {
        LoadedModel served = current.get();
        if (served != null && served.snapshot().fingerprint().equals(fingerprintNow)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    private LoadedModel load(ModelLocator.Resolved resolved) {
        long started = System.nanoTime();
        DigitClassifier classifier = loader.load(resolved.directory());
        HandFraming framing = null;
        try {
            framing = framings.open(classifier);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
            long warmStarted = System.nanoTime();
            warmUp(classifier, framing, resolved.directory());
            Duration warmupTime = Duration.ofNanos(System.nanoTime() - warmStarted);
            return new LoadedModel(classifier, framing, new ModelSnapshot(classifier.info(), resolved.directory(),
                    resolved.fingerprint(), clock.instant(), loadTime, warmupTime,
                    classifier instanceof TensorClassifier, framing.spec()));
        } catch (RuntimeException e) {
            if (framing != null) {
                framing.close();
            }
            classifier.close();
            throw e;
        }
    }

    /**
     * One inference before serving: pays the first-call cost and proves the output fits the labels;
     * a hand-locator model also looks for a hand once (its interpreters' first call).
     */
    private static void warmUp(DigitClassifier classifier, HandFraming framing, Path directory) {
        ModelInfo info = classifier.info();
        if (framing.locates()) {
            framing.frame(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB));
        }
        int size = info.inputSize() > 0 ? info.inputSize() : 224;
        BufferedImage gray = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.GRAY);
            g.fillRect(0, 0, size, size);
        } finally {
            g.dispose();
        }
        List<float[]> out = classifier.classify(List.of(gray));
        if (out.size() != 1 || out.get(0).length != info.labels().size() || info.labels().isEmpty()) {
            throw new SignDigitsException("The model in " + directory + " returned " + out.size() + " result(s) of "
                    + (out.isEmpty() ? 0 : out.get(0).length) + " values for one image, but has "
                    + info.labels().size() + " labels: re-export the model.");
        }
        for (float p : out.get(0)) {
            if (!Float.isFinite(p)) {
                throw new SignDigitsException("The model in " + directory
                        + " returned a non-finite probability on its warm-up image: re-export the model.");
            }
        }
    }

    /** A reference to the served model for one batch; close it when the batch is done. */
    public Lease acquire() {
        while (true) {
            LoadedModel model = current.get();
            if (model == null || closed) {
                throw ApiException.unavailable("No model is loaded yet: retry shortly.", Duration.ofSeconds(1));
            }
            if (model.tryRetain()) {
                return new Lease(model);
            }
            // lost a race with a swap that drained this model: read the new one
        }
    }

    /** Calls {@code listener} with each model swapped in from now on (on the reloading thread). */
    public void onSwap(Consumer<ModelSnapshot> listener) {
        swapListeners.add(listener);
    }

    public Optional<ModelSnapshot> current() {
        return Optional.ofNullable(current.get()).map(LoadedModel::snapshot);
    }

    public Path source() {
        return source;
    }

    public long reloadCount() {
        return reloads.get();
    }

    public long failedReloadCount() {
        return failedReloads.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        LoadedModel last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }

    /** Keeps one model open while a batch runs on it. */
    public static final class Lease implements AutoCloseable {
        private final LoadedModel model;
        private boolean released;

        private Lease(LoadedModel model) {
            this.model = model;
        }

        public DigitClassifier classifier() {
            return model.classifier();
        }

        /** The framing this model must be run with (see {@link FramingOpener}). */
        public HandFraming framing() {
            return model.framing();
        }

        /** How this model's answer is made from its image network's probabilities (hand shape, calibration). */
        public dev.signdigits.shape.Combination combination() {
            return model.combination();
        }

        LoadedModel model() {
            return model;
        }

        public ModelSnapshot snapshot() {
            return model.snapshot();
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                model.release();
            }
        }
    }
}
