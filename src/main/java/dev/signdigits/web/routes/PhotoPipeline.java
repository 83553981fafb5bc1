package dev.signdigits.web.routes;

import dev.signdigits.shape.Combination;
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

    /**
     * Frames and queues all photos under one lease of the served model; {@code budget} is the
     * request's time left. A lone photo is classified right after framing, on the thread that
     * framed it, when the batcher is idle ({@link MicroBatcher#classifyIfIdle}): its answer is then
     * complete when this returns. Several photos queue, so that they are classified as one batch.
     */
    Submitted submit(List<BufferedImage> photos, Duration budget) {
        try (ModelHolder.Lease lease = models.acquire()) {
            String modelId = lease.snapshot().id();
            if (photos.size() != 1) {
                return queue(lease, framer.frame(lease, photos, budget), modelId);
            }
            Direct direct = framer.frame(lease, photos, budget, photo -> new Direct(photo,
                    photo.readable() ? batcher.classifyIfIdle(lease, photo.image()) : null)).get(0);
            if (direct.photo().readable() && direct.prediction() == null) { // the batcher was busy
                return queue(lease, List.of(direct.photo()), modelId);
            }
            PhotoAnswer answer = new PhotoAnswer(served(lease.combination(), direct.prediction(), direct.photo()),
                    direct.photo().hand(), modelId);
            return new Submitted(List.of(CompletableFuture.completedFuture(answer)), List.of());
        }
    }

    /** A framed photo and its prediction when it was classified at once (null: not yet, or no hand). */
    private record Direct(FramedPhoto photo, Prediction prediction) {}

    private Submitted queue(ModelHolder.Lease lease, List<FramedPhoto> framed, String modelId) {
        List<BufferedImage> readable = framed.stream().filter(FramedPhoto::readable).map(FramedPhoto::image).toList();
        List<CompletableFuture<Prediction>> queued = readable.isEmpty() ? List.of() : batcher.submit(lease, readable);
        List<CompletableFuture<PhotoAnswer>> answers = new ArrayList<>(framed.size());
        Combination combination = lease.combination();
        int next = 0;
        for (FramedPhoto photo : framed) {
            if (photo.readable()) {
                answers.add(queued.get(next++).thenApply(p -> new PhotoAnswer(served(combination, p, photo), photo.hand(),
                        modelId)));
            } else {
                answers.add(CompletableFuture.completedFuture(new PhotoAnswer(null, photo.hand(), modelId)));
            }
        }
        return new Submitted(answers, queued);
    }

    /** The image network's answer combined with the hand's shape and calibrated, as the model records. */
    static Prediction served(Combination combination, Prediction image, FramedPhoto photo) {
        return image == null ? null : new Prediction(image.labels(), combination.apply(image.probabilities(), photo.hand()),
                image.modelId());
    }
}
