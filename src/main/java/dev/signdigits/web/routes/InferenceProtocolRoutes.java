package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import dev.signdigits.web.ClientText;
import dev.signdigits.web.ImageIntake;
import dev.signdigits.web.MicroBatcher;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.ModelSnapshot;
import dev.signdigits.web.Prediction;
import dev.signdigits.web.RequestDeadline;
import dev.signdigits.web.ServiceMetrics;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The KServe Open Inference Protocol v2 (REST): server and model health, model metadata, and
 * inference with either a pre-processed FP32 tensor {@code [N, 3, S, S]} (runtimes that implement
 * TensorClassifier) or BYTES holding base64-encoded images. The one model is named
 * {@value #MODEL_NAME}; its version is the served model's id.
 */
public final class InferenceProtocolRoutes {
    public static final String MODEL_NAME = "signdigits";

    private final ModelHolder models;
    private final ImageIntake intake;
    private final MicroBatcher batcher;
    private final ServiceMetrics metrics;
    private final Duration timeout;
    private final BooleanSupplier ready;
    private final Executor responses;
    private final InferRequestParser parser;

    /** @param responses where answers are written once inference is done (the HTTP server's threads) */
    public InferenceProtocolRoutes(ModelHolder models, ImageIntake intake, MicroBatcher batcher, ServiceMetrics metrics,
                                   Duration timeout, BooleanSupplier ready, Executor responses) {
        this.models = models;
        this.intake = intake;
        this.batcher = batcher;
        this.metrics = metrics;
        this.timeout = timeout;
        this.ready = ready;
        this.responses = responses;
        this.parser = new InferRequestParser(PredictRoutes.MAX_IMAGES_PER_REQUEST);
    }

    public void serverMetadata(Context ctx) {
        String version = InferenceProtocolRoutes.class.getPackage().getImplementationVersion();
        ctx.json(new InferenceJson.ServerMetadata("signdigits", version == null ? "dev" : version, List.of()));
    }

    public void live(Context ctx) {
        ctx.json(new InferenceJson.Live(true));
    }

    public void ready(Context ctx) {
        boolean isReady = ready.getAsBoolean();
        ctx.status(isReady ? 200 : 503).json(new InferenceJson.Ready(isReady));
    }

    public void modelReady(Context ctx) {
        servedModel(ctx);
        boolean isReady = ready.getAsBoolean();
        ctx.status(isReady ? 200 : 503).json(new InferenceJson.ModelReady(MODEL_NAME, isReady));
    }

    public void modelMetadata(Context ctx) {
        ModelSnapshot model = servedModel(ctx);
        long size = model.info().inputSize();
        long classes = model.info().labels().size();
        List<InferenceJson.TensorMetadata> inputs = new ArrayList<>();
        if (model.tensorInput()) {
            inputs.add(new InferenceJson.TensorMetadata(InferRequestParser.FP32_INPUT, "FP32", List.of(-1L, 3L, size, size)));
        }
        inputs.add(new InferenceJson.TensorMetadata(InferRequestParser.BYTES_INPUT, "BYTES", List.of(-1L)));
        ctx.json(new InferenceJson.ModelMetadata(MODEL_NAME, List.of(model.id()), "signdigits-" + model.info().runtime(),
                inputs, List.of(
                        new InferenceJson.TensorMetadata("probabilities", "FP32", List.of(-1L, classes)),
                        new InferenceJson.TensorMetadata("digit", "INT64", List.of(-1L)))));
    }

    public void infer(Context ctx) {
        ModelSnapshot model = servedModel(ctx);
        InferRequest request = parser.parse(ctx.bodyAsBytes(), model.info().inputSize());
        CompletableFuture<List<Prediction>> predictions = request.input() instanceof InferRequest.Fp32 tensor
                ? classifyTensor(ctx, model, tensor)
                : classifyEncoded(ctx, (InferRequest.Encoded) request.input());
        ctx.future(() -> predictions.thenAccept(done -> {
            metrics.recordPredictions(done);
            ctx.json(response(request, done));
        }));
    }

    private CompletableFuture<List<Prediction>> classifyTensor(Context ctx, ModelSnapshot model, InferRequest.Fp32 tensor) {
        if (!model.tensorInput()) {
            throw ApiException.badRequest("FP32 tensor input is unsupported for this runtime (" + model.info().runtime()
                    + "): send encoded images in the BYTES input '" + InferRequestParser.BYTES_INPUT + "'.");
        }
        CompletableFuture<List<Prediction>> pending = batcher.submitTensor(tensor.data(), tensor.count());
        return Awaits.within(pending, List.of(pending), RequestDeadline.remaining(ctx), timeout, responses);
    }

    private CompletableFuture<List<Prediction>> classifyEncoded(Context ctx, InferRequest.Encoded encoded) {
        List<BufferedImage> images = new ArrayList<>(encoded.count());
        for (int i = 0; i < encoded.count(); i++) {
            String name = "Element " + i + " of '" + InferRequestParser.BYTES_INPUT + "'";
            images.add(intake.decode(encoded.images().get(i), name, RequestDeadline.remaining(ctx)));
        }
        List<CompletableFuture<Prediction>> pending = batcher.submit(images);
        return Awaits.within(Awaits.all(pending), pending, RequestDeadline.remaining(ctx), timeout, responses);
    }

    private static InferenceJson.InferResponse response(InferRequest request, List<Prediction> predictions) {
        int n = predictions.size();
        int classes = predictions.get(0).probabilities().length;
        List<InferenceJson.Tensor> outputs = new ArrayList<>();
        if (request.outputs().isEmpty() || request.outputs().contains("probabilities")) {
            float[] flat = new float[n * classes];
            for (int i = 0; i < n; i++) {
                System.arraycopy(predictions.get(i).probabilities(), 0, flat, i * classes, classes);
            }
            outputs.add(new InferenceJson.Tensor("probabilities", "FP32", List.of((long) n, (long) classes), flat));
        }
        if (request.outputs().isEmpty() || request.outputs().contains("digit")) {
            long[] digits = predictions.stream().mapToLong(Prediction::digit).toArray();
            outputs.add(new InferenceJson.Tensor("digit", "INT64", List.of((long) n), digits));
        }
        return new InferenceJson.InferResponse(MODEL_NAME, predictions.get(0).modelId(), request.id().orElse(null), outputs);
    }

    /** The served model when the path names it (and its current version, if a version is given); 404 otherwise. */
    private ModelSnapshot servedModel(Context ctx) {
        String name = ctx.pathParam("model");
        if (!MODEL_NAME.equals(name)) {
            throw ApiException.notFound("Unknown model " + ClientText.quote(name) + ": this server serves '" + MODEL_NAME + "'.");
        }
        ModelSnapshot model = models.current().orElseThrow(() ->
                ApiException.unavailable("No model is loaded yet: retry shortly.", Duration.ofSeconds(1)));
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(model.id())) {
            throw ApiException.notFound("Unknown version " + ClientText.quote(version) + " of '" + MODEL_NAME
                    + "': the served version is '" + model.id() + "'.");
        }
        return model;
    }
}
