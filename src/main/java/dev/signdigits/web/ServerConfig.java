package dev.signdigits.web;

import dev.signdigits.SignDigitsException;
import dev.signdigits.predict.ConfidenceFloor;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the web service needs to know that is not a service object: where to listen, how to
 * batch, and the limits that keep one client from hurting the others.
 *
 * @param host              interface to bind, e.g. 127.0.0.1 or 0.0.0.0
 * @param port              TCP port, 0 for any free port (tests)
 * @param maxBatch          most images one inference call receives
 * @param maxDelay          longest the first queued image waits for others to join its batch
 * @param queueCapacity     most images waiting for inference; beyond it requests get 503
 * @param workers           batches run concurrently (one predictor each)
 * @param maxRequestBytes   largest request body; larger ones get 413
 * @param maxPixels         largest decoded image (width x height); larger ones get 413
 * @param requestTimeout    a request that has no answer by then gets 503; twice it is the connection idle timeout
 * @param receiveTimeout    a request's line, headers and body must all arrive within this long of its first byte,
 *                          however steadily they trickle in; else the connection is closed
 * @param maxConnections    most open connections in all; beyond it the server stops accepting until one closes
 * @param maxConnectionsPerAddress most open connections from one client address; beyond it new ones are closed
 *                          at once; 0 turns this cap off (behind a proxy every client shares one address)
 * @param apiKey            when present, /api, /v2/.../infer and /admin need it
 * @param watchInterval     how often the model pointer is checked for a new model; zero disables
 * @param drainTimeout      how long shutdown waits for in-flight requests
 * @param locateThreads     TFLite threads of each hand locator (models trained with the locator); the
 *                          service locates on {@code cores / locateThreads} threads at once, so the two
 *                          never oversubscribe the cores: more per locator is a lower latency per photo,
 *                          1 the most photos per second under load
 * @param minConfidence     answers whose top probability is below it are "not sure" (no digit); a
 *                          request's {@code ?min_confidence=} replaces it for that request
 */
public record ServerConfig(String host, int port, int maxBatch, Duration maxDelay, int queueCapacity, int workers,
                           long maxRequestBytes, long maxPixels, Duration requestTimeout, Duration receiveTimeout,
                           int maxConnections, int maxConnectionsPerAddress, Optional<String> apiKey,
                           Duration watchInterval, Duration drainTimeout, int locateThreads,
                           ConfidenceFloor minConfidence) {

    public ServerConfig {
        require(host != null && !host.isBlank(), "--host must name an interface, e.g. 127.0.0.1 or 0.0.0.0");
        require(port >= 0 && port <= 65535, "--port " + port + " is out of range: use 0-65535");
        require(maxBatch >= 1 && maxBatch <= 1024, "--max-batch " + maxBatch + " is out of range: use 1-1024");
        require(!maxDelay.isNegative(), "--max-delay-ms must be 0 or more");
        require(queueCapacity >= 1, "--queue-capacity " + queueCapacity + " must be at least 1");
        require(workers >= 1 && workers <= 64, "--workers " + workers + " is out of range: use 1-64");
        require(maxRequestBytes >= 1024, "--max-request-bytes " + maxRequestBytes + " is too small: use at least 1024");
        require(maxPixels >= 1, "--max-pixels " + maxPixels + " must be at least 1");
        require(requestTimeout.toMillis() >= 1, "--request-timeout-ms must be at least 1");
        require(receiveTimeout.toMillis() >= 1, "--receive-timeout-ms must be at least 1");
        require(maxConnections >= 1, "--max-connections " + maxConnections + " must be at least 1");
        require(maxConnectionsPerAddress >= 0, "--max-connections-per-address " + maxConnectionsPerAddress
                + " must be 0 (no cap) or more");
        require(!watchInterval.isNegative(), "--watch-interval-ms must be 0 (off) or more");
        require(!drainTimeout.isNegative(), "--drain-timeout-ms must be 0 or more");
        require(locateThreads >= 1 && locateThreads <= 64, "--locate-threads " + locateThreads + " is out of range: use 1-64");
        require(minConfidence != null, "--min-confidence is missing");
        apiKey = apiKey.filter(k -> !k.isBlank());
    }

    /** The defaults of {@code signdigits serve}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).maxBatch(maxBatch).maxDelay(maxDelay).queueCapacity(queueCapacity)
                .workers(workers).maxRequestBytes(maxRequestBytes).maxPixels(maxPixels).requestTimeout(requestTimeout)
                .receiveTimeout(receiveTimeout).maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).apiKey(apiKey.orElse(null)).watchInterval(watchInterval).drainTimeout(drainTimeout)
                .locateThreads(locateThreads).minConfidence(minConfidence.value());
    }

    /** How many photos the service locates at once: the cores shared by {@link #locateThreads()} each. */
    public int locatePool() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / locateThreads);
    }

    /** Never prints the API key, only whether one is set. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxBatch=" + maxBatch + ", maxDelay=" + maxDelay
                + ", queueCapacity=" + queueCapacity + ", workers=" + workers + ", maxRequestBytes=" + maxRequestBytes
                + ", maxPixels=" + maxPixels + ", requestTimeout=" + requestTimeout + ", receiveTimeout=" + receiveTimeout
                + ", maxConnections=" + maxConnections + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)") + ", watchInterval=" + watchInterval
                + ", drainTimeout=" + drainTimeout + ", locateThreads=" + locateThreads
                + ", minConfidence=" + minConfidence.value() + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SignDigitsException(message + ".");
        }
    }

    /** Fluent construction starting from the command's defaults; every value is checked in {@link #build()}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBatch = 8;
        private Duration maxDelay = Duration.ofMillis(5);
        private int queueCapacity = 256;
        private int workers = 1;
        private long maxRequestBytes = 10L * 1024 * 1024;
        private long maxPixels = 50_000_000L;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration receiveTimeout = Duration.ofSeconds(30);
        private int maxConnections = 1000;
        private int maxConnectionsPerAddress = 200;
        private String apiKey;
        private Duration watchInterval = Duration.ofSeconds(2);
        private Duration drainTimeout = Duration.ofSeconds(30);
        // one locator using two cores: measured 22.7 against 28.9 ms p50 per 640x480 photo (docs/performance.md)
        private int locateThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private double minConfidence = ConfidenceFloor.DEFAULT_MIN_CONFIDENCE;

        private Builder() {}

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder maxBatch(int value) { maxBatch = value; return this; }
        public Builder maxDelay(Duration value) { maxDelay = value; return this; }
        public Builder queueCapacity(int value) { queueCapacity = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        public Builder maxRequestBytes(long value) { maxRequestBytes = value; return this; }
        public Builder maxPixels(long value) { maxPixels = value; return this; }
        public Builder requestTimeout(Duration value) { requestTimeout = value; return this; }
        public Builder receiveTimeout(Duration value) { receiveTimeout = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
        public Builder apiKey(String value) { apiKey = value; return this; }
        public Builder watchInterval(Duration value) { watchInterval = value; return this; }
        public Builder drainTimeout(Duration value) { drainTimeout = value; return this; }
        public Builder locateThreads(int value) { locateThreads = value; return this; }
        /** In [0, 1); 0 turns "not sure" off. */
        public Builder minConfidence(double value) { minConfidence = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, maxBatch, maxDelay, queueCapacity, workers, maxRequestBytes, maxPixels,
                    requestTimeout, receiveTimeout, maxConnections, maxConnectionsPerAddress, Optional.ofNullable(apiKey), watchInterval, drainTimeout,
                    locateThreads, ConfidenceFloor.of(minConfidence));
        }
    }
}
