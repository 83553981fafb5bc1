package dev.signdigits.data;

import dev.signdigits.SignDigitsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.DecodedImage;
import dev.signdigits.image.ImageDecodeException;

/**
 * Decodes many photos on a few threads. A photo that cannot be decoded is recorded in the
 * {@link DecodeReport} and skipped; the others come back in input order. An optional transform
 * runs on the worker thread too (e.g. resize to the model input), so the caller only ever holds
 * what it needs.
 */
public final class BulkDecoder {
    private final ImageDecoder decoder;
    private final int threads;

    /** @param threads worker threads; 0 or less means one per available core */
    public BulkDecoder(ImageDecoder decoder, int threads) {
        this.decoder = Objects.requireNonNull(decoder);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /** Decodes every file of {@code index}. */
    public BulkResult<DecodedImage> decodeAll(DatasetIndex index, LongConsumer progress) {
        return decodeAll(index, index.entries(), (file, image) -> image, progress);
    }

    /**
     * Decodes {@code files} (relative to {@code index.root()}) and applies {@code transform} to each
     * image on the worker thread. {@code progress} receives 1 per file done (may be null).
     */
    public <T> BulkResult<T> decodeAll(DatasetIndex index, List<LabeledFile> files,
                                       BiFunction<LabeledFile, DecodedImage, T> transform, LongConsumer progress) {
        long start = System.nanoTime();
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(files.size());
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> work(index, files, transform, progress, results, next)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignDigitsException("Decoding was interrupted.", SignDigitsException.ENVIRONMENT, e);
        } catch (ExecutionException e) {
            // Only programming errors or OutOfMemoryError get here: bad photos are results, not exceptions.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return collect(files, results, Duration.ofNanos(System.nanoTime() - start), workers);
    }

    private <T> void work(DatasetIndex index, List<LabeledFile> files, BiFunction<LabeledFile, DecodedImage, T> transform,
                          LongConsumer progress, AtomicReferenceArray<Object> results, AtomicInteger next) {
        for (int i; (i = next.getAndIncrement()) < files.size(); ) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LabeledFile file = files.get(i);
            Object result;
            try {
                DecodedImage image = decoder.decode(index.resolve(file));
                result = new Loaded<>(file, transform.apply(file, image));
            } catch (ImageDecodeException e) {
                result = new DecodeFailure(file.relativePath(), e.reason(), e.getMessage());
            } catch (RuntimeException e) {
                // A decoder bug on one odd file must not lose the other 1,861: report it like a bad photo.
                result = new DecodeFailure(file.relativePath(), ImageDecodeException.Reason.CORRUPT,
                        index.resolve(file) + " could not be decoded (" + e + "): check the file.");
            }
            results.set(i, result);
            if (progress != null) {
                progress.accept(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> BulkResult<T> collect(List<LabeledFile> files, AtomicReferenceArray<Object> results,
                                             Duration elapsed, int workers) {
        List<Loaded<T>> loaded = new ArrayList<>(files.size());
        List<DecodeFailure> failures = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Object result = results.get(i);
            if (result instanceof DecodeFailure failure) {
                failures.add(failure);
            } else {
                loaded.add((Loaded<T>) result);
            }
        }
        return new BulkResult<>(loaded, new DecodeReport(files.size(), failures, elapsed, workers));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "decode-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A decoded (and transformed) photo. */
    public record Loaded<T>(LabeledFile file, T value) {}

    /** The photos that decoded, in input order, and the report on all of them. */
    public record BulkResult<T>(List<Loaded<T>> items, DecodeReport report) {
        public BulkResult {
            items = List.copyOf(items);
        }
    }
}
