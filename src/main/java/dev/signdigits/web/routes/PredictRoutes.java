package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import dev.signdigits.web.BadImageException;
import dev.signdigits.web.ClientText;
import dev.signdigits.web.ImageIntake;
import dev.signdigits.web.MicroBatcher;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.PhotoFramer;
import dev.signdigits.web.RequestDeadline;
import dev.signdigits.web.ServiceMetrics;
import dev.signdigits.predict.ConfidenceFloor;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code POST /api/v1/predict} (one image: multipart field {@code image} or a raw body) and
 * {@code POST /api/v1/predict/batch} (multipart fields {@code images}; a bad image gives an error
 * entry for that image, the others are still classified). {@code ?top_k=} picks how many ranked
 * digits to return (1-10, default 3); {@code ?min_confidence=} the confidence floor below which an
 * answer is "not sure" (no digit, its best guess; default the server's {@code --min-confidence}).
 *
 * <p>For a model trained with the hand locator each photo is located first: the answer adds
 * {@code hand} (where, how sure, which hand; its 21 landmarks with {@code ?landmarks=true}), and a
 * photo without a hand is a 200 with {@code "digit": null} and a {@code reason}, not an error.
 */
public final class PredictRoutes {
    /** Most images one batch request may carry. */
    public static final int MAX_IMAGES_PER_REQUEST = 64;
    private static final int DEFAULT_TOP_K = 3;

    private final ImageUploads uploads;
    private final ImageIntake intake;
    private final PhotoPipeline pipeline;
    private final ServiceMetrics metrics;
    private final Duration timeout;
    private final Executor responses;
    private final MicroBatcher batcher;
    private final ConfidenceFloor minConfidence;

    /**
     * @param responses     where answers are written once inference is done (the HTTP server's threads)
     * @param minConfidence the floor of requests without {@code ?min_confidence=}
     */
    public PredictRoutes(long maxRequestBytes, ImageIntake intake, ModelHolder models, PhotoFramer framer,
                         MicroBatcher batcher, ServiceMetrics metrics, Duration timeout, Executor responses,
                         ConfidenceFloor minConfidence) {
        this.uploads = new ImageUploads(maxRequestBytes);
        this.intake = intake;
        this.pipeline = new PhotoPipeline(models, framer, batcher);
        this.batcher = batcher;
        this.metrics = metrics;
        this.timeout = timeout;
        this.responses = responses;
        this.minConfidence = minConfidence;
    }

    public void predict(Context ctx) {
        int topK = topK(ctx);
        boolean landmarks = landmarks(ctx);
        ConfidenceFloor floor = minConfidence(ctx);
        ImageUploads.Upload upload = uploads.single(ctx, "image");
        PhotoPipeline.Submitted pending;
        try (MicroBatcher.Arrival ignored = batcher.arrive()) {
            BufferedImage image = intake.decode(upload.bytes(), upload.name(), RequestDeadline.remaining(ctx));
            pending = pipeline.submit(List.of(image), RequestDeadline.remaining(ctx));
        }
        CompletableFuture<PhotoAnswer> answer = pending.answers().get(0);
        if (answer.isDone()) { // classified on the way (an idle service) or no hand: answer on this thread
            answer(ctx, Awaits.now(answer), topK, landmarks, floor);
            return;
        }
        ctx.future(() -> Awaits.within(answer, pending.queued(), RequestDeadline.remaining(ctx), timeout, responses)
                .thenAccept(done -> answer(ctx, done, topK, landmarks, floor)));
    }

    private void answer(Context ctx, PhotoAnswer answer, int topK, boolean landmarks, ConfidenceFloor floor) {
        record(List.of(answer), floor);
        ctx.json(PredictionJson.single(answer, topK, landmarks, floor, RequestDeadline.elapsedMillis(ctx)));
    }

    public void predictBatch(Context ctx) {
        int topK = topK(ctx);
        boolean landmarks = landmarks(ctx);
        ConfidenceFloor floor = minConfidence(ctx);
        List<ImageUploads.Upload> received = uploads.many(ctx, "images", MAX_IMAGES_PER_REQUEST);
        Object[] items = new Object[received.size()];
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        PhotoPipeline.Submitted pending;
        try (MicroBatcher.Arrival ignored = batcher.arrive()) {
            for (int i = 0; i < received.size(); i++) {
                ImageUploads.Upload upload = received.get(i);
                try {
                    images.add(intake.decode(upload.bytes(), upload.name(), RequestDeadline.remaining(ctx)));
                    positions.add(i);
                } catch (BadImageException e) {
                    items[i] = PredictionJson.Item.failed(i, e.status(), e.getMessage());
                }
            }
            pending = images.isEmpty() ? new PhotoPipeline.Submitted(List.of(), List.of())
                    : pipeline.submit(images, RequestDeadline.remaining(ctx));
        }
        ctx.future(() -> Awaits.within(pending.all(), pending.queued(), RequestDeadline.remaining(ctx), timeout, responses)
                .thenAccept(done -> {
                    for (int j = 0; j < done.size(); j++) {
                        items[positions.get(j)] = PredictionJson.item(positions.get(j), done.get(j), topK, landmarks, floor);
                    }
                    record(done, floor);
                    ctx.json(new PredictionJson.Batch(List.of(items), PredictionJson.round(RequestDeadline.elapsedMillis(ctx))));
                }));
    }

    private void record(List<PhotoAnswer> answers, ConfidenceFloor floor) {
        metrics.recordPredictions(answers.stream().map(PhotoAnswer::prediction).filter(Objects::nonNull).toList());
        metrics.recordNotSure(answers.stream().filter(a -> a.notSure(floor)).count());
    }

    /**
     * {@code ?min_confidence=} replaces the server's floor for this request: a decimal number from 0
     * (off) to below 1.
     */
    private ConfidenceFloor minConfidence(Context ctx) {
        String raw = ctx.queryParam("min_confidence");
        if (raw == null) {
            return minConfidence;
        }
        try {
            double value = new BigDecimal(raw.strip()).doubleValue();
            if (ConfidenceFloor.accepts(value)) {
                return ConfidenceFloor.of(value);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("Query parameter min_confidence must be a number from 0 (off) up to but not"
                + " including 1, e.g. 0.5, not " + ClientText.quote(raw) + ".");
    }

    /** {@code ?landmarks=true} adds the hand's 21 landmarks to the answer. */
    private static boolean landmarks(Context ctx) {
        String raw = ctx.queryParam("landmarks");
        if (raw == null) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw ApiException.badRequest("Query parameter landmarks must be true or false, not "
                    + ClientText.quote(raw) + ".");
        };
    }

    private static int topK(Context ctx) {
        String raw = ctx.queryParam("top_k");
        if (raw == null) {
            return DEFAULT_TOP_K;
        }
        try {
            int k = Integer.parseInt(raw.strip());
            if (k >= 1 && k <= 1000) {
                return k;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("Query parameter top_k must be a whole number from 1 to 1000 (10 lists every digit), not "
                + ClientText.quote(raw) + ".");
    }
}
