package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import dev.signdigits.web.BadImageException;
import dev.signdigits.web.ClientText;
import dev.signdigits.web.ImageIntake;
import dev.signdigits.web.MicroBatcher;
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

/**
 * {@code POST /api/v1/predict} (one image: multipart field {@code image} or a raw body) and
 * {@code POST /api/v1/predict/batch} (multipart fields {@code images}; a bad image gives an error
 * entry for that image, the others are still classified). {@code ?top_k=} picks how many ranked
 * digits to return (1-10, default 3).
 */
public final class PredictRoutes {
    /** Most images one batch request may carry. */
    public static final int MAX_IMAGES_PER_REQUEST = 64;
    private static final int DEFAULT_TOP_K = 3;

    private final ImageUploads uploads;
    private final ImageIntake intake;
    private final MicroBatcher batcher;
    private final ServiceMetrics metrics;
    private final Duration timeout;
    private final Executor responses;

    /** @param responses where answers are written once inference is done (the HTTP server's threads) */
    public PredictRoutes(long maxRequestBytes, ImageIntake intake, MicroBatcher batcher, ServiceMetrics metrics,
                         Duration timeout, Executor responses) {
        this.uploads = new ImageUploads(maxRequestBytes);
        this.intake = intake;
        this.batcher = batcher;
        this.metrics = metrics;
        this.timeout = timeout;
        this.responses = responses;
    }

    public void predict(Context ctx) {
        int topK = topK(ctx);
        ImageUploads.Upload upload = uploads.single(ctx, "image");
        BufferedImage image = intake.decode(upload.bytes(), upload.name(), RequestDeadline.remaining(ctx));
        List<CompletableFuture<Prediction>> pending = batcher.submit(List.of(image));
        ctx.future(() -> Awaits.within(pending.get(0), pending, RequestDeadline.remaining(ctx), timeout, responses)
                .thenAccept(prediction -> {
                    metrics.recordPredictions(List.of(prediction));
                    ctx.json(PredictionJson.single(prediction, topK, RequestDeadline.elapsedMillis(ctx)));
                }));
    }

    public void predictBatch(Context ctx) {
        int topK = topK(ctx);
        List<ImageUploads.Upload> received = uploads.many(ctx, "images", MAX_IMAGES_PER_REQUEST);
        PredictionJson.Item[] items = new PredictionJson.Item[received.size()];
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            ImageUploads.Upload upload = received.get(i);
            try {
                images.add(intake.decode(upload.bytes(), upload.name(), RequestDeadline.remaining(ctx)));
                positions.add(i);
            } catch (BadImageException e) {
                items[i] = PredictionJson.Item.failed(i, e.status(), e.getMessage());
            }
        }
        List<CompletableFuture<Prediction>> pending = images.isEmpty() ? List.of() : batcher.submit(images);
        ctx.future(() -> Awaits.within(Awaits.all(pending), pending, RequestDeadline.remaining(ctx), timeout, responses)
                .thenAccept(done -> {
                    for (int j = 0; j < done.size(); j++) {
                        items[positions.get(j)] = PredictionJson.item(positions.get(j), done.get(j), topK);
                    }
                    metrics.recordPredictions(done);
                    ctx.json(new PredictionJson.Batch(List.of(items), PredictionJson.round(RequestDeadline.elapsedMillis(ctx))));
                }));
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
