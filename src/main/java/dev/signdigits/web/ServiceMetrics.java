package dev.signdigits.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The service's Prometheus meters in one place: HTTP requests by route and status, predictions
 * per digit and those answered "not sure", hand-locator answers (hand found or not) and locating time, batch sizes, inference
 * time, queue depth, model load time and reloads, JVM memory.
 * Routes are tagged by their template (never the raw path), so fuzzed URLs cannot grow the series.
 */
public final class ServiceMetrics implements MicroBatcher.BatchObserver, AutoCloseable {
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;
    private final Timer inference;
    private final Timer locate;
    private final Counter notSure;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServiceMetrics(MeterRegistry registry, int maxBatch) {
        this.registry = registry;
        this.batchSizes = DistributionSummary.builder("signdigits.batch.size")
                .description("Images per inference call").baseUnit("images")
                .serviceLevelObjectives(batchBuckets(maxBatch)).register(registry);
        this.inference = Timer.builder("signdigits.inference")
                .description("Time of one inference call (a whole batch)")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.locate = Timer.builder("signdigits.hand.locate")
                .description("Time to find the hand in one photo and crop it (models trained with the hand locator)")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.notSure = Counter.builder("signdigits.predictions.not.sure")
                .description("Classified photos answered 'not sure' (top probability below the confidence floor; no digit)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    void bindQueue(MicroBatcher batcher) {
        Gauge.builder("signdigits.queue.depth", batcher, MicroBatcher::queued)
                .description("Images waiting for an inference worker").register(registry);
    }

    void bindModel(ModelHolder holder) {
        Gauge.builder("signdigits.model.load", holder,
                        h -> h.current().map(s -> s.loadTime().toNanos() / 1e9).orElse(Double.NaN))
                .description("Seconds the served model took to load").baseUnit("seconds").register(registry);
        Gauge.builder("signdigits.model.warmup", holder,
                        h -> h.current().map(s -> s.warmupTime().toNanos() / 1e9).orElse(Double.NaN))
                .description("Seconds the served model's warm-up inference took").baseUnit("seconds").register(registry);
        MultiGauge served = MultiGauge.builder("signdigits.model.info")
                .description("1 for the model being served, tagged with its id and the runtime serving it").register(registry);
        holder.current().ifPresent(s -> served.register(List.of(servedRow(s)), true));
        holder.onSwap(s -> served.register(List.of(servedRow(s)), true));
        FunctionCounter.builder("signdigits.model.reloads", holder, ModelHolder::reloadCount)
                .description("Models loaded, the first one included").tag("result", "success").register(registry);
        FunctionCounter.builder("signdigits.model.reloads", holder, ModelHolder::failedReloadCount)
                .description("Models loaded, the first one included").tag("result", "failed").register(registry);
    }

    private static MultiGauge.Row<?> servedRow(ModelSnapshot snapshot) {
        return MultiGauge.Row.of(Tags.of("model", snapshot.id(), "runtime", snapshot.info().runtime()), 1);
    }

    void bindActiveRequests(IntSupplier active) {
        Gauge.builder("signdigits.http.requests.active", active, IntSupplier::getAsInt)
                .strongReference(true) // a gauge holds its object weakly, and nothing else holds this lambda
                .description("HTTP requests being handled now").register(registry);
    }

    /** One finished HTTP request; {@code route} is the route template or a fixed placeholder. */
    public void recordRequest(String method, String route, int status, double millis) {
        Timer.builder("signdigits.http.requests")
                .description("HTTP requests by route, method and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** A connection the server closed to protect itself: {@code receive_timeout} or {@code per_address_cap}. */
    public void connectionClosed(String reason) {
        registry.counter("signdigits.http.connections.closed", "reason", reason).increment();
    }

    /** Classified photos, by their most probable digit (those answered "not sure" included). */
    public void recordPredictions(List<Prediction> predictions) {
        for (Prediction p : predictions) {
            registry.counter("signdigits.predictions", "digit", p.label()).increment();
        }
    }

    /**
     * Classified photos answered "not sure", {@code signdigits_predictions_not_sure_total}: also
     * counted in {@code signdigits_predictions_total} by their best guess, so the ratio of the two
     * is the share of answers without a digit.
     */
    public void recordNotSure(long count) {
        notSure.increment(count);
    }

    /**
     * One photo looked at by the hand locator: {@code signdigits_hand_located_total{result="found"}},
     * or {@code result="no_hand"} for a photo answered "no hand" (no digit).
     */
    public void handLocated(boolean found, long nanos) {
        registry.counter("signdigits.hand.located", "result", found ? "found" : "no_hand").increment();
        locate.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void batchDone(int size, long nanos) {
        batchSizes.record(size);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static double[] batchBuckets(int maxBatch) {
        int count = 1;
        while ((1 << (count - 1)) < maxBatch) {
            count++;
        }
        double[] buckets = new double[count];
        for (int i = 0; i < count; i++) {
            buckets[i] = Math.min(1 << i, maxBatch);
        }
        return buckets;
    }

    @Override
    public void close() {
        gc.close();
    }
}
