package dev.signdigits.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Network input prepared off the native thread: batches of jobs (decode, augment, normalize) run on
 * worker threads a few batches ahead while the caller's thread consumes them strictly in order, so
 * results do not depend on thread timing. Used by feature extraction and by benchmarks that train
 * on images directly.
 */
final class InputPipeline {
    /** Batches prepared ahead: enough to hide preparation behind one native batch, little memory. */
    static final int PREFETCH = 3;

    /** Prepares the input of jobs {@code [from, to)} as one flat array; runs on a worker thread. */
    @FunctionalInterface
    interface Preparer {
        float[] prepare(int from, int to) throws Exception;
    }

    /** Consumes one prepared batch; runs on the caller's thread, batches in order. */
    @FunctionalInterface
    interface Consumer {
        void accept(int from, int to, float[] input);
    }

    private final ExecutorService workers;

    InputPipeline(ExecutorService workers) {
        this.workers = workers;
    }

    void run(int jobs, int batchSize, Preparer preparer, Consumer consumer) {
        Deque<Future<float[]>> pending = new ArrayDeque<>();
        int nextSubmit = 0;
        try {
            for (int start = 0; start < jobs; start += batchSize) {
                while (pending.size() < PREFETCH && nextSubmit < jobs) {
                    int from = nextSubmit;
                    int to = Math.min(jobs, from + batchSize);
                    pending.add(workers.submit(() -> preparer.prepare(from, to)));
                    nextSubmit = to;
                }
                consumer.accept(start, Math.min(jobs, start + batchSize), pending.removeFirst().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing network input", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not prepare an image: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
    }
}
