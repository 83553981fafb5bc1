package dev.signdigits.web;

import dev.signdigits.runtime.TensorClassifier;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic micro-batching: images from concurrent requests wait in one bounded queue, and each
 * worker takes up to {@code maxBatch} of them, waiting at most {@code maxDelay} after the first
 * one arrived, for a single inference call. A full queue refuses new work at once (503), so a
 * burst cannot pile up unbounded memory or latency. Pre-processed tensors run as their own batch.
 *
 * <p>An image is classified by the model it was framed for (the request's {@link ModelHolder.Lease}):
 * each queued image holds a reference to that model, and a batch only ever holds images of one
 * model, so a hot reload between framing and classifying cannot hand a hand crop to a model that
 * reads whole photos, or the reverse.
 */
public final class MicroBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long IDLE_POLL_MS = 100;

    /** Told about every inference call, for metrics. */
    @FunctionalInterface
    public interface BatchObserver {
        void batchDone(int size, long nanos);
    }

    private sealed interface Job permits ImageJob, TensorJob {
        int size();

        long enqueuedNanos();

        void fail(Throwable error);
    }

    /** One image and the model it was framed for; the job holds a reference to that model until it is done. */
    private record ImageJob(BufferedImage image, LoadedModel model, CompletableFuture<Prediction> result,
                            long enqueuedNanos) implements Job {
        public int size() {
            return 1;
        }

        public void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    private record TensorJob(float[] data, int n, CompletableFuture<List<Prediction>> result, long enqueuedNanos)
            implements Job {
        public int size() {
            return n;
        }

        public void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    private final ModelHolder models;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final int capacity;
    private final BatchObserver observer;
    private static final long WAIT_SLICE_NANOS = 500_000;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger arriving = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger classifying = new java.util.concurrent.atomic.AtomicInteger();
    private final Semaphore free;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closing;

    public MicroBatcher(ModelHolder models, int maxBatch, Duration maxDelay, int capacity, int workerCount,
                        BatchObserver observer) {
        this.models = models;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelay.toNanos();
        this.capacity = capacity;
        this.observer = observer;
        this.free = new Semaphore(capacity);
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "inference-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** A request on its way to {@link #submit} (decoding, locating the hand); close it once its images are queued or it gave up. */
    public interface Arrival extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks a request as on its way: a batch waits up to {@code maxDelay} for more images only while
     * some request is, since otherwise nothing can join it and the wait is pure latency (5 ms of a
     * lone webcam frame's answer).
     */
    public Arrival arrive() {
        arriving.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                arriving.decrementAndGet();
            }
        };
    }

    /**
     * Queues all images or none, to be classified by {@code lease}'s model (the one they were framed
     * for); the lease may be closed once this returns. 503 when they do not all fit or the service is
     * shutting down.
     */
    public List<CompletableFuture<Prediction>> submit(ModelHolder.Lease lease, List<BufferedImage> images) {
        reserve(images.size());
        long now = System.nanoTime();
        List<CompletableFuture<Prediction>> results = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            if (!lease.model().tryRetain()) { // cannot happen while the lease is open
                throw new IllegalStateException("the leased model was closed");
            }
            CompletableFuture<Prediction> result = new CompletableFuture<>();
            queue.add(new ImageJob(image, lease.model(), result, now));
            results.add(result);
        }
        return results;
    }

    /**
     * Classifies one image on the calling thread, when nothing is queued and no batch is being
     * classified: a lone request then skips the hand-off to a worker and the hand-off back, which
     * cost it about 2 ms on a 2-core machine (docs/performance.md). Returns null otherwise (the
     * service is busy or closing): then queue it with {@link #submit}, to be batched.
     *
     * @param lease the model the image was framed for, open while this runs
     */
    public Prediction classifyIfIdle(ModelHolder.Lease lease, BufferedImage image) {
        LoadedModel model = lease.model();
        if (closing || !queue.isEmpty() || !classifying.compareAndSet(0, 1)) {
            return null;
        }
        try {
            long started = System.nanoTime();
            List<float[]> out = model.classifier().classify(List.of(image));
            observer.batchDone(1, System.nanoTime() - started);
            checkCount(out, 1);
            return new Prediction(model.snapshot().info().labels(), out.get(0), model.snapshot().id());
        } finally {
            classifying.decrementAndGet();
        }
    }

    /** Queues {@code n} pre-processed images packed as NCHW; they take {@code n} places in the queue. */
    public CompletableFuture<List<Prediction>> submitTensor(float[] nchw, int n) {
        reserve(n);
        CompletableFuture<List<Prediction>> result = new CompletableFuture<>();
        queue.add(new TensorJob(nchw, n, result, System.nanoTime()));
        return result;
    }

    private void reserve(int places) {
        if (closing) {
            throw ApiException.unavailable("The service is shutting down: retry on another instance.", RETRY_AFTER);
        }
        if (places > capacity) {
            throw ApiException.tooLarge(places + " images do not fit the inference queue (capacity " + capacity
                    + "): send at most " + capacity + " per request.");
        }
        if (!free.tryAcquire(places)) {
            throw ApiException.unavailable("The inference queue is full (" + capacity + " images): retry shortly.",
                    RETRY_AFTER);
        }
    }

    /** Images waiting for a worker. */
    public int queued() {
        return capacity - free.availablePermits();
    }

    private void work() {
        Job carried = null;
        while (true) {
            Job first = carried != null ? carried : next(IDLE_POLL_MS * 1_000_000);
            carried = null;
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (first instanceof TensorJob tensor) {
                runTensor(tensor);
                continue;
            }
            ImageJob head = (ImageJob) first;
            List<ImageJob> batch = new ArrayList<>(maxBatch);
            batch.add(head);
            long deadline = first.enqueuedNanos() + maxDelayNanos;
            while (batch.size() < maxBatch) {
                long left = deadline - System.nanoTime();
                Job next;
                if (left > 0 && arriving.get() > 0) {
                    // wait in short slices: the request that queued the head may still be leaving arrive()
                    next = next(Math.min(left, WAIT_SLICE_NANOS));
                    if (next == null) {
                        continue;
                    }
                } else { // nothing on its way (or out of time): take what is queued now and go
                    next = next(0);
                    if (next == null) {
                        break;
                    }
                }
                if (!(next instanceof ImageJob image) || image.model() != head.model()) { // a tensor, or another model's image
                    carried = next;
                    break;
                }
                batch.add(image);
            }
            runImages(batch);
        }
    }

    /** The next job, waiting up to {@code waitNanos} (not at all when zero or negative). */
    private Job next(long waitNanos) {
        try {
            Job job = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : queue.poll();
            if (job != null) {
                free.release(job.size());
            }
            return job;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Classifies a batch of one model's images, then gives back each image's reference to that model. */
    private void runImages(List<ImageJob> batch) {
        LoadedModel model = batch.get(0).model();
        try {
            List<ImageJob> live = batch.stream().filter(j -> !j.result().isDone()).toList(); // skip timed-out requests
            if (!live.isEmpty()) {
                classify(model, live);
            }
        } finally {
            batch.forEach(j -> j.model().release());
        }
    }

    private void classify(LoadedModel model, List<ImageJob> live) {
        classifying.incrementAndGet();
        try {
            long started = System.nanoTime();
            List<float[]> out = model.classifier().classify(live.stream().map(ImageJob::image).toList());
            observer.batchDone(live.size(), System.nanoTime() - started);
            checkCount(out, live.size());
            List<String> labels = model.snapshot().info().labels();
            for (int i = 0; i < live.size(); i++) {
                live.get(i).result().complete(new Prediction(labels, out.get(i), model.snapshot().id()));
            }
        } catch (RuntimeException e) {
            failAll(live, e);
        } finally {
            classifying.decrementAndGet();
        }
    }

    private void runTensor(TensorJob job) {
        if (job.result().isDone()) {
            return;
        }
        classifying.incrementAndGet();
        try (ModelHolder.Lease lease = models.acquire()) {
            if (!(lease.classifier() instanceof TensorClassifier tensors)) {
                throw ApiException.badRequest("FP32 tensor input is unsupported for this runtime ("
                        + lease.snapshot().info().runtime() + "): send encoded images as BYTES instead.");
            }
            long started = System.nanoTime();
            List<float[]> out = tensors.classifyTensor(job.data(), job.n());
            observer.batchDone(job.n(), System.nanoTime() - started);
            checkCount(out, job.n());
            List<String> labels = lease.snapshot().info().labels();
            // already framed: no hand to read the shape of, but the answer is calibrated like every other
            job.result().complete(out.stream().map(p -> new Prediction(labels, lease.combination().apply(p, null),
                    lease.snapshot().id())).toList());
        } catch (RuntimeException e) {
            job.fail(e);
        } finally {
            classifying.decrementAndGet();
        }
    }

    private static void checkCount(List<float[]> out, int expected) {
        if (out.size() != expected) {
            throw new IllegalStateException("classifier returned " + out.size() + " results for " + expected + " images");
        }
    }

    private static void failAll(List<ImageJob> jobs, RuntimeException e) {
        if (!(e instanceof ApiException)) {
            LOG.error("inference failed for a batch of {}", jobs.size(), e);
        }
        jobs.forEach(j -> j.fail(e));
    }

    /** Stops taking work, finishes what is queued (bounded by {@code timeout}), and fails the rest with 503. */
    public void close(Duration timeout) {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ApiException gone = ApiException.unavailable("The service shut down before this image was classified.", RETRY_AFTER);
        for (Job job; (job = queue.poll()) != null; ) {
            free.release(job.size());
            job.fail(gone);
            if (job instanceof ImageJob image) {
                image.model().release();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
