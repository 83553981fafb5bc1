package dev.signdigits.web;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The per-request time budget: set when a request arrives, consumed by every wait on its way
 * (decoding slot, inference queue). A request past its deadline gets 503 and its queued work is
 * skipped by the batcher.
 */
public final class RequestDeadline {
    private static final String ATTRIBUTE = "signdigits.deadlineNanos";
    private static final String STARTED = "signdigits.startedNanos";

    private RequestDeadline() {}

    static void start(Context ctx, Duration timeout) {
        long now = System.nanoTime();
        ctx.attribute(STARTED, now);
        ctx.attribute(ATTRIBUTE, now + timeout.toNanos());
    }

    /** Time left; zero or negative when the deadline has passed. */
    public static Duration remaining(Context ctx) {
        Long deadline = ctx.attribute(ATTRIBUTE);
        return deadline == null ? Duration.ofSeconds(10) : Duration.ofNanos(deadline - System.nanoTime());
    }

    /** Milliseconds since the request arrived. */
    public static double elapsedMillis(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1e6;
    }
}
