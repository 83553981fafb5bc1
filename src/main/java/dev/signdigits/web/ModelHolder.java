package dev.signdigits.web;

import dev.signdigits.hand.HandFramingSpec;

import dev.signdigits.SignDigitsException;
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
 */
public final class ModelHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    private final Path source;
    private final ClassifierLoader loader;
    private final Clock clock;
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private final List<Consumer<ModelSnapshot>> swapListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param source the configured model directory or pointer; resolved again on every reload */
    public ModelHolder(Path source, ClassifierLoader loader, Clock clock) {
        this.source = source;
        this.loader = loader;
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

    /**
     * The service does not run the hand locator yet (issue 15, next step); a model trained on hand
     * crops would silently read whole photos, so it is refused instead.
     */
    private static void refuseHandLocatorModel(DigitClassifier classifier, Path dir) {
        if (HandFramingSpec.fromProperties(classifier.info().properties(), dir.toString()).on()) {
            throw new SignDigitsException("Model " + dir + " was trained with --hand-locator "
                    + classifier.info().properties().get(HandFramingSpec.KEY) + ", which serve cannot run yet; serve a model"
                    + " trained with --hand-locator off, or use 'signdigits predict'.", SignDigitsException.ENVIRONMENT, null);
        }
    }

    private LoadedModel load(ModelLocator.Resolved resolved) {
        long started = System.nanoTime();
        DigitClassifier classifier = loader.load(resolved.directory());
        Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
        try {
            refuseHandLocatorModel(classifier, resolved.directory());
            long warmStarted = System.nanoTime();
            warmUp(classifier, resolved.directory());
            Duration warmupTime = Duration.ofNanos(System.nanoTime() - warmStarted);
            return new LoadedModel(classifier, new ModelSnapshot(classifier.info(), resolved.directory(),
                    resolved.fingerprint(), clock.instant(), loadTime, warmupTime,
                    classifier instanceof TensorClassifier));
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /** One inference before serving: pays the first-call cost and proves the output fits the labels. */
    private static void warmUp(DigitClassifier classifier, Path directory) {
        ModelInfo info = classifier.info();
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
