package dev.signdigits.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The real service on a random port, with a models folder laid out as in production:
 * {@code models/run-a} (the served model's directory) and a {@code models/latest} pointer file naming it.
 */
final class TestServer implements AutoCloseable {
    final ServedModel served;
    final Path models;
    final Path pointer;
    final ModelHolder holder;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final WebApp app;
    final Http http;

    private TestServer(Path root, UnaryOperator<ServerConfig.Builder> settings, ServedModel served, ClassifierLoader loader,
                       FramingOpener framings) {
        this.served = served;
        this.models = root.resolve("models");
        served.createModelDir(models, "run-a");
        this.pointer = models.resolve("latest");
        point("run-a");
        this.holder = new ModelHolder(pointer, loader, framings, Clock.systemUTC());
        holder.reload();
        ServerConfig.Builder defaults = ServerConfig.builder().port(0).watchInterval(Duration.ZERO)
                .drainTimeout(Duration.ofSeconds(10));
        if (served instanceof StandInModel) {
            // the stand-in's probabilities are not calibrated (it is less than half sure of photos it knows):
            // its servers answer every photo with a digit unless a test sets a floor
            defaults.minConfidence(0);
        }
        ServerConfig config = settings.apply(defaults).build();
        this.app = WebApp.create(config, holder, new ProjectImageDecoder(config.maxPixels()), registry, Clock.systemUTC())
                .start();
        this.http = new Http(app.port());
    }

    /** Serves the stand-in model. */
    static TestServer start(Path root) {
        return start(root, b -> b);
    }

    /** Serves the stand-in model. */
    static TestServer start(Path root, UnaryOperator<ServerConfig.Builder> settings) {
        return start(root, settings, StandInModel.INSTANCE);
    }

    static TestServer start(Path root, UnaryOperator<ServerConfig.Builder> settings, ServedModel served) {
        return new TestServer(root, settings, served, served.loader(), served.framings());
    }

    /** Serves stand-in model directories, opened by {@code loader} (e.g. a slowed-down stand-in). */
    static TestServer start(Path root, UnaryOperator<ServerConfig.Builder> settings, ClassifierLoader loader) {
        return start(root, settings, StandInModel.INSTANCE, loader);
    }

    /** Serves {@code served}'s model directories, opened by {@code loader} (e.g. a wrapper around its own). */
    static TestServer start(Path root, UnaryOperator<ServerConfig.Builder> settings, ServedModel served,
                            ClassifierLoader loader) {
        return new TestServer(root, settings, served, loader, served.framings());
    }

    /** Serves {@code served}'s model directories, each with the framing {@code framings} opens (e.g. hand models from a given folder). */
    static TestServer start(Path root, UnaryOperator<ServerConfig.Builder> settings, ServedModel served,
                            FramingOpener framings) {
        return new TestServer(root, settings, served, served.loader(), framings);
    }

    /** Re-points {@code models/latest} atomically, as a training run would on completion. */
    void point(String runName) {
        try {
            Path tmp = models.resolve(".latest.tmp");
            Files.writeString(tmp, runName + "\n");
            dev.signdigits.io.AtomicFiles.move(tmp, pointer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        holder.close();
    }
}
