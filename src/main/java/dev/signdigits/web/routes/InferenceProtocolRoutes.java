package dev.signdigits.web.routes;

import dev.signdigits.hand.HandResult;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.web.ApiException;
import dev.signdigits.web.ClientText;
import dev.signdigits.web.ImageIntake;
import dev.signdigits.web.MicroBatcher;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.ModelSnapshot;
import dev.signdigits.web.PhotoFramer;
import dev.signdigits.web.Prediction;
import dev.signdigits.web.RequestDeadline;
import dev.signdigits.web.ServiceMetrics;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The KServe Open Inference Protocol v2 (REST): server and model health, model metadata, and
 * inference with either a pre-processed FP32 tensor {@code [N, 3, S, S]} (runtimes that implement
 * TensorClassifier) or BYTES holding base64-encoded images. The one model is named
 * {@value #MODEL_NAME}; its version is the served model's id.
 *
 * <p>A model trained with the hand locator finds the hand in each encoded image first and adds two
 * outputs: {@code hand_found} (BOOL {@code [N]}) and {@code hand_box} (FP32 {@code [N, 4]}: x, y, w,
 * h in the image's upright pixels; zeros without a hand). A row without a hand has all-zero
 * probabilities and digit -1. An FP32 tensor is taken as already framed (a hand crop, for such a
 * model): it is classified as it is, and has no hand outputs.
 *
 * <p>A row whose top probability is below the server's {@code --min-confidence} is "not sure": its
 * {@code probabilities} are the model's as they are, and its {@code digit} is -1 (no digit read).
 */
public final class InferenceProtocolRoutes {
    public static final String MODEL_NAME = "signdigits";

    private final ModelHolder models;
    private final ImageIntake intake;
    private final PhotoPipeline pipeline;
    private final MicroBatcher batcher;
    private final ServiceMetrics metrics;
    private final Duration timeout;
    private final BooleanSupplier ready;
    private final Executor responses;
    private final InferRequestParser parser;
    private final ConfidenceFloor minConfidence;

    /**
     * @param responses     where answers are written once inference is done (the HTTP server's threads)
     * @param minConfidence below it a row's digit is -1 ("not sure")
     */
    public InferenceProtocolRoutes(ModelHolder models, ImageIntake intake, PhotoFramer framer, MicroBatcher batcher,
                                   ServiceMetrics metrics, Duration timeout, BooleanSupplier ready, Executor responses,
                                   ConfidenceFloor minConfidence) {
        this.models = models;
        this.intake = intake;
        this.pipeline = new PhotoPipeline(models, framer, batcher);
        this.batcher = batcher;
        this.metrics = metrics;
        this.timeout = timeout;
        this.ready = ready;
        this.responses = responses;
        this.parser = new InferRequestParser(PredictRoutes.MAX_IMAGES_PER_REQUEST);
        this.minConfidence = minConfidence;
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
        List<InferenceJson.TensorMetadata> outputs = new ArrayList<>(List.of(
                new InferenceJson.TensorMetadata(InferRequestParser.PROBABILITIES, "FP32", List.of(-1L, classes)),
                new InferenceJson.TensorMetadata(InferRequestParser.DIGIT, "INT64", List.of(-1L))));
        if (model.locatesHand()) {
            outputs.add(new InferenceJson.TensorMetadata(InferRequestParser.HAND_FOUND, "BOOL", List.of(-1L)));
            outputs.add(new InferenceJson.TensorMetadata(InferRequestParser.HAND_BOX, "FP32", List.of(-1L, 4L)));
        }
        ctx.json(new InferenceJson.ModelMetadata(MODEL_NAME, List.of(model.id()), "signdigits-" + model.info().runtime(),
                inputs, outputs));
    }

    public void infer(Context ctx) {
        ModelSnapshot model = servedModel(ctx);
        InferRequest request = parser.parse(ctx.bodyAsBytes(), model.info().inputSize());
        boolean encoded = request.input() instanceof InferRequest.Encoded;
        requireHandOutputsApply(request, model, encoded);
        int classes = model.info().labels().size();
        CompletableFuture<List<PhotoAnswer>> answers = encoded
                ? classifyEncoded(ctx, (InferRequest.Encoded) request.input())
                : classifyTensor(ctx, model, (InferRequest.Fp32) request.input());
        ctx.future(() -> answers.thenAccept(done -> {
            metrics.recordPredictions(done.stream().map(PhotoAnswer::prediction).filter(Objects::nonNull).toList());
            metrics.recordNotSure(done.stream().filter(a -> a.notSure(minConfidence)).count());
            ctx.json(response(request, done, classes, minConfidence));
        }));
    }

    /** Hand outputs asked for where there are none: say why instead of leaving them out silently. */
    private static void requireHandOutputsApply(InferRequest request, ModelSnapshot model, boolean encoded) {
        String asked = request.outputs().stream()
                .filter(n -> n.equals(InferRequestParser.HAND_FOUND) || n.equals(InferRequestParser.HAND_BOX))
                .findFirst().orElse(null);
        if (asked == null) {
            return;
        }
        if (!model.locatesHand()) {
            throw ApiException.badRequest("Output '" + asked + "' is given only by a model trained with the hand locator;"
                    + " the served model reads whole photos: ask for 'probabilities' or 'digit'.");
        }
        if (!encoded) {
            throw ApiException.badRequest("Output '" + asked + "' needs encoded images in '" + InferRequestParser.BYTES_INPUT
                    + "': an FP32 tensor is taken as already framed, and no hand is looked for in it.");
        }
    }

    private CompletableFuture<List<PhotoAnswer>> classifyTensor(Context ctx, ModelSnapshot model, InferRequest.Fp32 tensor) {
        if (!model.tensorInput()) {
            throw ApiException.badRequest("FP32 tensor input is unsupported for this runtime (" + model.info().runtime()
                    + "): send encoded images in the BYTES input '" + InferRequestParser.BYTES_INPUT + "'.");
        }
        CompletableFuture<List<Prediction>> pending = batcher.submitTensor(tensor.data(), tensor.count());
        return Awaits.within(pending, List.of(pending), RequestDeadline.remaining(ctx), timeout, responses)
                .thenApply(done -> done.stream().map(p -> new PhotoAnswer(p, null, p.modelId())).toList());
    }

    private CompletableFuture<List<PhotoAnswer>> classifyEncoded(Context ctx, InferRequest.Encoded encoded) {
        List<BufferedImage> images = new ArrayList<>(encoded.count());
        PhotoPipeline.Submitted pending;
        try (MicroBatcher.Arrival ignored = batcher.arrive()) {
            for (int i = 0; i < encoded.count(); i++) {
                String name = "Element " + i + " of '" + InferRequestParser.BYTES_INPUT + "'";
                images.add(intake.decode(encoded.images().get(i), name, RequestDeadline.remaining(ctx)));
            }
            pending = pipeline.submit(images, RequestDeadline.remaining(ctx));
        }
        return Awaits.within(pending.all(), pending.queued(), RequestDeadline.remaining(ctx), timeout, responses);
    }

    /**
     * The output tensors asked for (all when none were named). The hand outputs come with answers of
     * a model that located the hand; a row without a hand has zero probabilities and digit -1, and a
     * row below {@code floor} its probabilities and digit -1.
     */
    private static InferenceJson.InferResponse response(InferRequest request, List<PhotoAnswer> answers, int labels,
                                                        ConfidenceFloor floor) {
        int n = answers.size();
        int classes = answers.stream().filter(PhotoAnswer::classified).findFirst()
                .map(a -> a.prediction().probabilities().length).orElse(labels);
        boolean located = answers.stream().anyMatch(a -> a.hand() != null);
        List<InferenceJson.Tensor> outputs = new ArrayList<>();
        if (wanted(request, InferRequestParser.PROBABILITIES)) {
            float[] flat = new float[n * classes];
            for (int i = 0; i < n; i++) {
                if (answers.get(i).classified()) {
                    System.arraycopy(answers.get(i).prediction().probabilities(), 0, flat, i * classes, classes);
                }
            }
            outputs.add(new InferenceJson.Tensor(InferRequestParser.PROBABILITIES, "FP32", List.of((long) n, (long) classes), flat));
        }
        if (wanted(request, InferRequestParser.DIGIT)) {
            long[] digits = answers.stream()
                    .mapToLong(a -> a.classified() && !a.notSure(floor) ? a.prediction().digit() : -1).toArray();
            outputs.add(new InferenceJson.Tensor(InferRequestParser.DIGIT, "INT64", List.of((long) n), digits));
        }
        if (located && wanted(request, InferRequestParser.HAND_FOUND)) {
            boolean[] found = new boolean[n];
            for (int i = 0; i < n; i++) {
                found[i] = answers.get(i).hand() != null && answers.get(i).hand().found();
            }
            outputs.add(new InferenceJson.Tensor(InferRequestParser.HAND_FOUND, "BOOL", List.of((long) n), found));
        }
        if (located && wanted(request, InferRequestParser.HAND_BOX)) {
            float[] boxes = new float[n * 4];
            for (int i = 0; i < n; i++) {
                if (answers.get(i).hand() instanceof HandResult.Found hand) {
                    System.arraycopy(hand.box().toArray(), 0, boxes, i * 4, 4);
                }
            }
            outputs.add(new InferenceJson.Tensor(InferRequestParser.HAND_BOX, "FP32", List.of((long) n, 4L), boxes));
        }
        return new InferenceJson.InferResponse(MODEL_NAME, answers.get(0).modelId(), request.id().orElse(null), outputs);
    }

    private static boolean wanted(InferRequest request, String output) {
        return request.outputs().isEmpty() || request.outputs().contains(output);
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
