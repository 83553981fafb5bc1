package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for queued inference without holding an HTTP thread: handlers hand the result to
 * {@code ctx.future}, bounded by the request's deadline. The response is written on the HTTP
 * executor, never on an inference worker, so a slow client cannot stall batching. On timeout the
 * queued work is cancelled and the batcher skips it.
 */
final class Awaits {
    private Awaits() {}

    /** All results, in order. */
    static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> pending) {
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
    }

    /**
     * {@code result}, or 503 once {@code remaining} has passed (cancelling {@code queued}); completes
     * on {@code executor}.
     */
    static <T> CompletableFuture<T> within(CompletableFuture<T> result, List<? extends CompletableFuture<?>> queued,
                                           Duration remaining, Duration timeout, Executor executor) {
        return result.orTimeout(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS)
                .handleAsync((value, error) -> {
                    if (error == null) {
                        return value;
                    }
                    Throwable cause = unwrap(error);
                    if (cause instanceof TimeoutException || cause instanceof CancellationException) {
                        queued.forEach(f -> f.cancel(false));
                        throw ApiException.unavailable("The image was not classified within the request timeout of "
                                + timeout.toMillis() + " ms: the server is overloaded, retry shortly.", Duration.ofSeconds(1));
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("inference failed", cause);
                }, executor);
    }

    /** The value of a completed {@code result}; its failure rethrown as it was raised (unwrapped). */
    static <T> T now(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("inference failed", cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
