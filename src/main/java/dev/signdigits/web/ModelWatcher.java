package dev.signdigits.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured model pointer and reloads when it leads to a different model. Polling
 * (rather than a WatchService) also sees a re-pointed symlink and a directory replaced by rename.
 * A change is acted on only once it looks the same on two polls in a row, so a model that is still
 * being written is not loaded half-way; a model that failed to load is not retried until it changes.
 */
final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final ModelHolder holder;
    private final ScheduledExecutorService timer;
    private String pending;
    private String failed;

    private ModelWatcher(ModelHolder holder) {
        this.holder = holder;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling every {@code interval}; a zero interval returns a watcher that does nothing. */
    static ModelWatcher start(ModelHolder holder, Duration interval) {
        ModelWatcher watcher = new ModelWatcher(holder);
        if (!interval.isZero()) {
            long millis = interval.toMillis();
            watcher.timer.scheduleWithFixedDelay(watcher::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
        return watcher;
    }

    private void poll() {
        String now;
        try {
            now = ModelLocator.resolve(holder.source()).fingerprint();
        } catch (RuntimeException e) {
            // A pointer that leads nowhere (a dangling link, a deleted directory) is a change too: once it
            // looks the same on two polls, the reload below fails, is counted and logged once.
            now = "unresolvable|" + e.getMessage();
        }
        String served = holder.current().map(ModelSnapshot::fingerprint).orElse(null);
        if (now.equals(served) || now.equals(failed)) {
            pending = null;
            return;
        }
        if (!now.equals(pending)) {
            pending = now; // wait one more poll: the writer may not be done
            return;
        }
        try {
            holder.reloadIfChanged(now);
            failed = null;
        } catch (RuntimeException e) {
            failed = now;
            LOG.warn("model at {} did not load, {}: {}", holder.source(),
                    holder.current().map(m -> "still serving '" + m.id() + "'").orElse("no model is served"),
                    e.getMessage());
        }
        pending = null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
