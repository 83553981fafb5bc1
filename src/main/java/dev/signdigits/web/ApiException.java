package dev.signdigits.web;

import java.time.Duration;
import java.util.Map;

/**
 * A request the service answers with an error status and {@code {"error": "..."}}: the message is
 * one sentence for the client that says what was wrong and what is accepted.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // a client error needs no stack trace
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 400 for a body that was not read to its end: the connection is closed rather than reused. */
    public static ApiException badRequestAndClose(String message) {
        return new ApiException(400, message, Map.of("Connection", "close"));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    /** 413; the connection is closed so that an unread remainder of the body is never drained. */
    public static ApiException tooLarge(String message) {
        return new ApiException(413, message, Map.of("Connection", "close"));
    }

    /** 503 with Retry-After, for a full queue, a timeout or a shutdown in progress. */
    public static ApiException unavailable(String message, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(503, message, Map.of("Retry-After", Long.toString(seconds)));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
