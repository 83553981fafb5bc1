package dev.signdigits.web.routes;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.web.MicroBatcher;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.PhotoFramer;
import dev.signdigits.web.Prediction;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decoded photos on their way to an answer, for the model served now: framed for it (the hand
 * located and cropped, for a model trained with the locator), then the photos with something to
 * read queued for that same model; a photo without a hand is answered at once, without queueing.
 */
final class PhotoPipeline {
    private final ModelHolder models;
    private final PhotoFramer framer;
    private final MicroBatcher batcher;

    PhotoPipeline(ModelHolder models, PhotoFramer framer, MicroBatcher batcher) {
        this.models = models;
        this.framer = framer;
        this.batcher = batcher;
    }

    /**
     * What a request waits for.
     *
     * @param answers one per photo, in order
     * @param queued  the queued inference, cancelled when the request gives up
     */
    record Submitted(List<CompletableFuture<PhotoAnswer>> answers, List<CompletableFuture<Prediction>> queued) {
        CompletableFuture<List<PhotoAnswer>> all() {
            return Awaits.all(answers);
        }
    }

    /** Frames and queues all photos under one lease of the served model; {@code budget} is the request's time left. */
    Submitted submit(List<BufferedImage> photos, Duration budget) {
        try (ModelHolder.Lease lease = models.acquire()) {
            List<FramedPhoto> framed = framer.frame(lease, photos, budget);
            List<BufferedImage> readable = framed.stream().filter(FramedPhoto::readable).map(FramedPhoto::image).toList();
            List<CompletableFuture<Prediction>> queued = readable.isEmpty() ? List.of() : batcher.submit(lease, readable);
            String modelId = lease.snapshot().id();
            List<CompletableFuture<PhotoAnswer>> answers = new ArrayList<>(framed.size());
            int next = 0;
            for (FramedPhoto photo : framed) {
                if (photo.readable()) {
                    answers.add(queued.get(next++).thenApply(p -> new PhotoAnswer(p, photo.hand(), modelId)));
                } else {
                    answers.add(CompletableFuture.completedFuture(new PhotoAnswer(null, photo.hand(), modelId)));
                }
            }
            return new Submitted(answers, queued);
        }
    }
}
