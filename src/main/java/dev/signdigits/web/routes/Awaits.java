package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for queued inference within the request's deadline; on timeout the queued work is cancelled. */
final class Awaits {
    private Awaits() {}

    static <T> T await(CompletableFuture<T> result, Duration remaining, Duration timeout) {
        try {
            return result.get(Math.max(0, remaining.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            result.cancel(false); // the batcher skips it
            throw ApiException.unavailable("The image was not classified within the request timeout of "
                    + timeout.toMillis() + " ms: the server is overloaded, retry shortly.", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw ApiException.unavailable("The server is shutting down: retry shortly.", Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("inference failed", e.getCause());
        }
    }
}
