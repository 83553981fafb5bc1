package dev.signdigits.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.web.routes.AdminRoutes;
import dev.signdigits.web.routes.InferenceProtocolRoutes;
import dev.signdigits.web.routes.OpsRoutes;
import dev.signdigits.web.routes.PageRoutes;
import dev.signdigits.web.routes.PredictRoutes;
import dev.signdigits.web.views.Templates;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web service, built from its services by {@link #create} so that tests run it on port 0
 * without globals. The whole route table is in {@link #routes}. {@link #stop} is graceful:
 * readiness turns false, the server stops accepting, in-flight requests finish, then the batcher
 * drains.
 */
public final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final int IN_MEMORY_PART_BYTES = 1024 * 1024;
    private static final int MAX_HTTP_THREADS = 200;
    private static final int MIN_HTTP_THREADS = 8;
    /** Request line plus headers; Jetty's default. Longer URIs get 414, longer headers 431. */
    static final int MAX_HEADER_BYTES = 8192;

    private final ServerConfig config;
    private final ModelHolder models;
    private final MicroBatcher batcher;
    private final PhotoFramer framer;
    private final ServiceMetrics metrics;
    private final Path uploadSpill;
    private final QueuedThreadPool httpThreads;
    private final Javalin javalin;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ModelWatcher watcher;
    private volatile ServerConnector connector;
    private ReceiveDeadline receiveDeadline;

    private WebApp(ServerConfig config, ModelHolder models, ImageBytesDecoder decoder, PrometheusMeterRegistry registry,
                   Clock clock) {
        this.config = config;
        this.models = models;
        this.metrics = new ServiceMetrics(registry, config.maxBatch());
        this.batcher = new MicroBatcher(models, config.maxBatch(), config.maxDelay(), config.queueCapacity(),
                config.workers(), metrics);
        metrics.bindQueue(batcher);
        metrics.bindModel(models);
        this.uploadSpill = createSpillDirectory();
        ApiKeyGuard guard = new ApiKeyGuard(config.apiKey());
        ImageIntake intake = new ImageIntake(decoder, Math.max(2, Runtime.getRuntime().availableProcessors()));
        // locating a hand is CPU work: one locator per core, whatever the number of requests at once
        this.framer = new PhotoFramer(config.locatePool(), metrics);
        this.httpThreads = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS);
        httpThreads.setName("http");
        Services services = new Services(
                new PredictRoutes(config.maxRequestBytes(), intake, models, framer, batcher, metrics,
                        config.requestTimeout(), httpThreads, config.minConfidence()),
                new InferenceProtocolRoutes(models, intake, framer, batcher, metrics, config.requestTimeout(), this::ready,
                        httpThreads, config.minConfidence()),
                new AdminRoutes(models),
                new OpsRoutes(registry),
                new PageRoutes(models, new Templates(), clock, guard.enabled(), config.maxRequestBytes()),
                guard);
        this.javalin = Javalin.create(javalinConfig -> {
            server(javalinConfig);
            routes(javalinConfig, services);
        });
    }

    /** The app with its services given; call {@link #start()} to listen. The caller owns {@code models}. */
    public static WebApp create(ServerConfig config, ModelHolder models, ImageBytesDecoder decoder,
                                PrometheusMeterRegistry registry, Clock clock) {
        return new WebApp(config, models, decoder, registry, clock);
    }

    /** The app with the default decoder, a fresh metrics registry and the system clock. */
    public static WebApp create(ServerConfig config, ModelHolder models) {
        return create(config, models, new ProjectImageDecoder(config.maxPixels()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
    }

    private record Services(PredictRoutes predict, InferenceProtocolRoutes v2, AdminRoutes admin, OpsRoutes ops,
                            PageRoutes pages, ApiKeyGuard guard) {}

    /** Every route of the service, in one place. */
    private void routes(JavalinConfig app, Services s) {
        app.routes.before(this::admit);
        app.routes.before("/api/*", s.guard()::check);
        app.routes.before("/admin/*", s.guard()::check);
        app.routes.before("/v2/models/{model}/infer", s.guard()::check);
        app.routes.before("/v2/models/{model}/versions/{version}/infer", s.guard()::check);

        app.routes.get("/", s.pages()::index);
        app.routes.head("/", s.pages()::index); // same headers as GET; Jetty leaves out the body
        app.routes.get("/model", s.pages()::modelCard);
        app.routes.get("/model/confusion-matrix.png", s.pages()::confusionMatrix);
        app.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/web/static";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=300");
        });

        app.routes.post("/api/v1/predict", s.predict()::predict);
        app.routes.post("/api/v1/predict/batch", s.predict()::predictBatch);

        app.routes.get("/v2", s.v2()::serverMetadata);
        app.routes.get("/v2/health/live", s.v2()::live);
        app.routes.get("/v2/health/ready", s.v2()::ready);
        app.routes.get("/v2/models/{model}", s.v2()::modelMetadata);
        app.routes.get("/v2/models/{model}/ready", s.v2()::modelReady);
        app.routes.post("/v2/models/{model}/infer", s.v2()::infer);
        app.routes.get("/v2/models/{model}/versions/{version}", s.v2()::modelMetadata);
        app.routes.get("/v2/models/{model}/versions/{version}/ready", s.v2()::modelReady);
        app.routes.post("/v2/models/{model}/versions/{version}/infer", s.v2()::infer);

        app.routes.post("/admin/reload", s.admin()::reload);
        app.routes.get("/metrics", s.ops()::metrics);
        app.routes.get("/openapi.json", s.ops()::openApi);

        ErrorHandlers.register(app.routes, config.maxRequestBytes());
        app.requestLogger.http(this::recordRequest);
    }

    /** Every request: start its deadline, refuse a declared oversized body before reading it, harden headers. */
    private void admit(Context ctx) {
        RequestDeadline.start(ctx, config.requestTimeout());
        ctx.header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
        long declared = ctx.req().getContentLengthLong();
        if (declared > config.maxRequestBytes()) {
            throw ApiException.tooLarge("The request body is " + declared + " bytes, more than the limit of "
                    + config.maxRequestBytes() + ": send a smaller image.");
        }
    }

    private void server(JavalinConfig app) {
        app.startup.showJavalinBanner = false;
        app.startup.startupWatcherEnabled = false;
        app.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
        app.http.prefer405over404 = true;
        app.http.maxRequestSize = config.maxRequestBytes();
        // Handlers wait for inference asynchronously (ctx.future), so HTTP threads never pile up behind the
        // queue: the queue bound, not the thread count, decides when to answer 503. This is a safety net only.
        app.http.asyncTimeout = config.requestTimeout().toMillis() + 5_000;
        app.jetty.threadPool = httpThreads;
        app.jetty.multipartConfig.cacheDirectory(uploadSpill.toString());
        app.jetty.multipartConfig.maxFileSize(config.maxRequestBytes(), SizeUnit.BYTES);
        app.jetty.multipartConfig.maxTotalRequestSize(config.maxRequestBytes(), SizeUnit.BYTES);
        app.jetty.multipartConfig.maxInMemoryFileSize(IN_MEMORY_PART_BYTES, SizeUnit.BYTES);
        app.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        app.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler(MAX_HEADER_BYTES));
            server.setStopTimeout(config.drainTimeout().toMillis());
            server.insertHandler(new GracefulHandler()); // stop() waits for in-flight requests
            StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
            if (statistics != null) {
                metrics.bindActiveRequests(statistics::getRequestsActive);
            }
        });
        app.jetty.addConnector((server, http) -> {
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            ServerConnector connector = new ServerConnector(server, new Http1MinorVersions(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            // A connection with no bytes either way for this long is closed. Twice the request timeout:
            // a request waiting in the queue is idle on the wire too, and must get its 503 before the
            // connection is dropped under it (equal values raced: no response at all). A client that
            // trickles bytes resets this timer; ReceiveDeadline is what bounds it.
            connector.setIdleTimeout(2 * config.requestTimeout().toMillis());
            if (config.maxConnectionsPerAddress() > 0) {
                connector.addEventListener(new ConnectionCaps(config.maxConnectionsPerAddress(), metrics));
            }
            server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
            this.connector = connector;
            return connector;
        });
    }

    private void recordRequest(Context ctx, Float millis) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint != null && !endpoint.path.isEmpty() ? endpoint.path
                : ctx.statusCode() < 400 ? "static" : "unmatched";
        metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), millis);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms", ctx.method().name(), ClientText.quote(ctx.path()), ctx.statusCode(), millis);
        }
    }

    public WebApp start() {
        javalin.start();
        receiveDeadline = ReceiveDeadline.start(connector, config.receiveTimeout(), metrics);
        watcher = ModelWatcher.start(models, config.watchInterval());
        LOG.info("listening on http://{}:{}", config.host(), port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Ready to serve predictions: a model is loaded (and warmed up) and no shutdown has begun. */
    public boolean ready() {
        return !stopping.get() && models.current().isPresent();
    }

    /** Graceful stop: not ready, no new connections, in-flight requests finish, queued work drains. Idempotent. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        LOG.info("stopping: finishing in-flight requests (up to {} ms)", config.drainTimeout().toMillis());
        try {
            if (watcher != null) {
                watcher.close();
            }
            if (receiveDeadline != null) {
                receiveDeadline.close();
            }
            javalin.stop();
            framer.close();
            batcher.close(config.drainTimeout());
            metrics.close();
        } finally {
            deleteSpillDirectory();
            stopped.countDown();
        }
        LOG.info("stopped");
    }

    /** Blocks until {@link #stop()} has finished (from any thread). */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Path createSpillDirectory() {
        try {
            return Files.createTempDirectory("signdigits-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for large uploads", e);
        }
    }

    private void deleteSpillDirectory() {
        AtomicFiles.deleteRecursively(uploadSpill);
    }
}
