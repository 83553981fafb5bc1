package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.RuntimeSelector;
import dev.signdigits.web.ClassifierLoader;
import dev.signdigits.web.FramingOpener;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.ModelSnapshot;
import dev.signdigits.web.ServerConfig;
import dev.signdigits.web.WebApp;
import io.javalin.util.JavalinBindException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits serve}: the prediction web service and browser UI, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve predictions over HTTP: a JSON API, the KServe v2 protocol, a web page with upload and "
                + "webcam, Prometheus metrics and hot model reload. Stops gracefully on SIGTERM or Ctrl-C (exit 0).")
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest", paramLabel = "DIR",
            description = "Model directory, or a 'latest' symlink or pointer file naming one; watched for changes (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--runtime", defaultValue = "auto",
            description = "Inference runtime: auto (the fastest that keeps the model's accuracy: tflite-int8 when train measured"
                    + " it within 0.5 points of the float model, else tflite, onnx, djl), djl (the trained model directory),"
                    + " tflite, tflite-float16, tflite-int8 or onnx (an exported file, or the model directory holding it;"
                    + " see 'signdigits export'). Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-batch", defaultValue = "8", description = "Most images per inference call (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-delay-ms", defaultValue = "5",
            description = "Longest an image waits for others to join its batch, in ms (default: ${DEFAULT-VALUE}).")
    long maxDelayMs;

    @Option(names = "--queue-capacity", defaultValue = "256",
            description = "Most images waiting for inference; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(names = "--workers", defaultValue = "1",
            description = "Batches run at the same time, each on its own thread (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads one inference call may use inside the model runtime; 0 means one per CPU core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-request-bytes", defaultValue = "10485760",
            description = "Largest request body in bytes; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--max-pixels", defaultValue = "50000000",
            description = "Largest image in pixels (width x height), checked before decoding; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--request-timeout-ms", defaultValue = "10000",
            description = "A request without an answer by then gets 503; a connection idle for twice this long is closed (default: ${DEFAULT-VALUE}).")
    long requestTimeoutMs;

    @Option(names = "--receive-timeout-ms", defaultValue = "30000",
            description = "A request's line, headers and body must all arrive within this long of its first byte, however slowly they trickle; else the connection is closed (default: ${DEFAULT-VALUE}).")
    long receiveTimeoutMs;

    @Option(names = "--max-connections", defaultValue = "1000",
            description = "Most open connections in all; beyond it new ones wait until one closes (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "200",
            description = "Most open connections from one client address; beyond it new ones are closed at once; 0 is no cap, e.g. behind a proxy (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--api-key", defaultValue = "",
            description = "When set, /api, /v2/models/*/infer and /admin need it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY' (default: none).")
    String apiKey;

    @Option(names = "--watch-interval-ms", defaultValue = "2000",
            description = "How often to check --model for a new model, in ms; 0 turns watching off (default: ${DEFAULT-VALUE}).")
    long watchIntervalMs;

    @Option(names = "--drain-timeout-ms", defaultValue = "30000",
            description = "On shutdown, how long in-flight requests may take to finish, in ms (default: ${DEFAULT-VALUE}).")
    long drainTimeoutMs;

    @Option(names = "--hand-models", paramLabel = "DIR",
            description = "Directory holding the MediaPipe hand model files, for models trained with --hand-locator"
                    + " (default: models/raw/mediapipe-hands, then the offline mirror, then a download).")
    Path handModels;

    @CommandLine.Mixin
    MinConfidenceOption minConfidence;

    @Option(names = "--locate-threads", defaultValue = "0", paramLabel = "N",
            description = "TFLite threads of each hand locator (models trained with the hand locator); photos are located"
                    + " cores/N at a time. 0 (default): 2, or 1 on a single core: the lowest latency per photo;"
                    + " 1: the most photos per second under load.")
    int locateThreads;

    private final ClassifierLoader loader;

    /** The command as the CLI builds it, with the project's model runtimes. */
    public ServeCommand() {
        this.loader = dir -> DigitClassifiers.open(runtime, dir, threads, workers);
    }

    /** The command with a given way to load models (tests, other runtimes). */
    public ServeCommand(ClassifierLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new SignDigitsException("--threads " + threads + " must be 0 (one per core) or more.");
        }
        ServerConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        exposureWarning(config).ifPresent(warning -> {
            spec.commandLine().getErr().println("warning: " + warning);
            spec.commandLine().getErr().flush();
        });
        GracefulShutdownHook hook = null;
        try (ModelHolder models = new ModelHolder(model, loader, FramingOpener.recorded(handModels, config.locateThreads()),
                Clock.systemUTC())) {
            ModelSnapshot loaded = models.reload().loaded();
            out.printf("Loaded model %s (%s) from %s in %d ms; warm-up inference %d ms.%n", loaded.id(),
                    loaded.info().runtime(), loaded.directory(), loaded.loadTime().toMillis(), loaded.warmupTime().toMillis());
            if (loaded.locatesHand()) {
                out.printf("Hand locator %s: every photo is searched for a hand first (the model was trained so).%n",
                        loaded.hand());
            }
            String selection = loaded.info().properties().get(RuntimeSelector.SELECTION_PROPERTY);
            if (selection != null) {
                out.printf("Runtime %s.%n", selection);
            }
            if (!config.minConfidence().off()) {
                out.printf("Answers below confidence %s are 'not sure' (--min-confidence; ?min_confidence= per request).%n",
                        config.minConfidence().value());
            }
            WebApp app = start(config, models);
            hook = GracefulShutdownHook.install(app::stop);
            out.printf("Serving on http://%s:%d/ (API key %s). Stop with Ctrl-C or SIGTERM.%n", config.host(), app.port(),
                    config.apiKey().isPresent() ? "required" : "not required");
            out.flush();
            app.awaitStopped();
            out.println("Stopped: in-flight requests finished.");
            out.flush();
        } finally {
            if (hook != null) {
                hook.close();
            }
        }
        return 0;
    }

    /** Listening beyond this machine without an API key lets anyone on the network predict and reload: say so once. */
    static java.util.Optional<String> exposureWarning(ServerConfig config) {
        if (config.apiKey().isPresent() || isLoopback(config.host())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("listening on " + config.host() + " without --api-key: anyone who can reach this"
                + " port can classify images and reload the model; set --api-key (or SIGNDIGITS_API_KEY), or listen on"
                + " 127.0.0.1 behind a proxy.");
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private ServerConfig config() {
        return ServerConfig.builder().host(host).port(port).maxBatch(maxBatch).maxDelay(Duration.ofMillis(maxDelayMs))
                .queueCapacity(queueCapacity).workers(workers).maxRequestBytes(maxRequestBytes).maxPixels(maxPixels)
                .requestTimeout(Duration.ofMillis(requestTimeoutMs)).receiveTimeout(Duration.ofMillis(receiveTimeoutMs))
                .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerAddress).apiKey(apiKey)
                .watchInterval(Duration.ofMillis(watchIntervalMs)).drainTimeout(Duration.ofMillis(drainTimeoutMs))
                .locateThreads(locateThreads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : locateThreads)
                .minConfidence(minConfidence.value)
                .build();
    }

    private static WebApp start(ServerConfig config, ModelHolder models) {
        WebApp app = WebApp.create(config, models);
        try {
            return app.start();
        } catch (JavalinBindException e) {
            app.stop();
            throw new SignDigitsException("Cannot listen on " + config.host() + ":" + config.port()
                    + " (in use or not allowed): pick another with --port or --host.", SignDigitsException.ENVIRONMENT, e);
        }
    }
}
