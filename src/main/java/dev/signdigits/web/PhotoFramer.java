package dev.signdigits.web;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The framing step of a request, between decoding and the micro-batcher: photos for a model
 * trained with the hand locator are located and cropped here, before they queue; photos for a
 * whole-photo model pass as they are (the classifier frames them, as before).
 *
 * <p>Locating runs on a fixed pool of {@code threads} threads (one per core), shared by all
 * requests: it is CPU work, and the model's {@link HandFraming} opens one locator (two TFLite
 * interpreters) per thread that calls it at once, so 200 requests at once open no more than
 * {@code threads} locators. The photos of one request are located in parallel. A request waits no
 * longer than its deadline: then it gets 503, and its photos not yet started are skipped.
 */
public final class PhotoFramer implements AutoCloseable {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ExecutorService pool;
    private final ServiceMetrics metrics;

    public PhotoFramer(int threads, ServiceMetrics metrics) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "hand-locate-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.metrics = metrics;
    }

    /**
     * The photos (decoded, upright) made ready for {@code lease}'s model, in order: each the hand
     * crop with where the hand is, or "no hand" ({@link FramedPhoto#readable()} false); for a
     * whole-photo model each photo itself, with no hand result.
     */
    public List<FramedPhoto> frame(ModelHolder.Lease lease, List<BufferedImage> photos, Duration budget) {
        return frame(lease, photos, budget, Function.identity());
    }

    /**
     * As {@link #frame(ModelHolder.Lease, List, Duration)}, then {@code next} on each framed photo
     * on the thread that framed it (the locate thread, or the caller's for a whole-photo model):
     * the step after framing runs while the crop is in that core's cache, without another hand-off.
     */
    public <T> List<T> frame(ModelHolder.Lease lease, List<BufferedImage> photos, Duration budget,
                             Function<FramedPhoto, T> next) {
        HandFraming framing = lease.framing();
        if (!framing.locates()) {
            return photos.stream().map(photo -> next.apply(new FramedPhoto(photo, null))).toList();
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<Future<T>> pending = new ArrayList<>(photos.size());
        for (BufferedImage photo : photos) {
            // each task holds the model, so that a swap after this request gave up cannot close the locator under it
            if (!lease.model().tryRetain()) {
                throw new IllegalStateException("the leased model was closed");
            }
            try {
                pending.add(pool.submit(() -> locate(lease.model(), photo, deadline, next)));
            } catch (RejectedExecutionException e) { // shutting down
                lease.model().release();
                throw ApiException.unavailable("The service is shutting down: retry on another instance.", RETRY_AFTER);
            }
        }
        List<T> framed = new ArrayList<>(photos.size());
        try {
            for (Future<T> future : pending) {
                framed.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return framed;
        } catch (TimeoutException | CancellationException e) {
            throw late();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw late();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("locating the hand failed", e.getCause());
        }
    }

    /**
     * Runs on the pool; a task whose request has given up meanwhile is skipped (never cancelled: it
     * must release the model). {@code next} runs before the model is released, so it may use it.
     */
    private <T> T locate(LoadedModel model, BufferedImage photo, long deadline, Function<FramedPhoto, T> next) {
        try {
            if (System.nanoTime() >= deadline) {
                throw late();
            }
            long started = System.nanoTime();
            FramedPhoto framed = model.framing().frame(photo);
            metrics.handLocated(framed.readable(), System.nanoTime() - started);
            return next.apply(framed);
        } finally {
            model.release();
        }
    }

    private static ApiException late() {
        return ApiException.unavailable("The hand was not located within the request timeout: the server is busy,"
                + " retry shortly.", RETRY_AFTER);
    }

    /** Stops the threads once the photos handed to them are done (after the HTTP server has stopped there are none). */
    @Override
    public void close() {
        pool.shutdown();
    }
}
