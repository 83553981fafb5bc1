package dev.signdigits.eval;

import dev.signdigits.shape.Combination;
import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.DecodeFailure;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.progress.ProgressBar;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a classifier on labelled photos from any ImageFolder: the folder names are matched to
 * the model's labels, photos are decoded in parallel and classified in batches. Unreadable photos
 * are reported and left out of the numbers.
 */
public final class PhotoSetEvaluator {
    private final DigitClassifier classifier;
    private final BulkDecoder decoder;
    private final int batchSize;
    private final HandFraming framing;
    private final Combination combination;

    /** Whole photos (a model without the hand locator). */
    public PhotoSetEvaluator(DigitClassifier classifier, BulkDecoder decoder, int batchSize) {
        this(classifier, decoder, batchSize, HandFraming.off(classifier.info().inputSize()));
    }

    /** Each photo through {@code framing}, the model's own (on the decode threads; it is thread-safe). */
    public PhotoSetEvaluator(DigitClassifier classifier, BulkDecoder decoder, int batchSize, HandFraming framing) {
        this(classifier, decoder, batchSize, framing, Combination.forModel(classifier.info().properties(),
                "model " + classifier.info().id()));
    }

    /** As above, with the hand-shape combination and calibration given rather than the model's own. */
    public PhotoSetEvaluator(DigitClassifier classifier, BulkDecoder decoder, int batchSize, HandFraming framing,
                             Combination combination) {
        this.combination = combination;
        this.classifier = classifier;
        this.decoder = decoder;
        this.batchSize = Math.max(1, batchSize);
        this.framing = framing;
    }

    /**
     * What came out: the evaluation (of the photos with a hand, when the locator is on), the photos
     * that could not be read, the photos in which the locator found no hand (empty when it is off),
     * the per-model rows, and the decoded photos themselves when they were asked for (else empty).
     */
    public record Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails,
                          List<String> noHand, boolean located, List<ModelAccuracy> models, List<LabeledPhoto> photos) {
        public Outcome {
            noHand = List.copyOf(noHand);
            models = List.copyOf(models);
            photos = List.copyOf(photos);
        }

        public Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails,
                       List<String> noHand, boolean located, List<ModelAccuracy> models) {
            this(evaluation, unreadable, thumbnails, noHand, located, models, List.of());
        }

        public Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails) {
            this(evaluation, unreadable, thumbnails, List.of(), false, List.of());
        }

        /** The same outcome without the decoded photos (to keep once they have been used). */
        public Outcome withoutPhotos() {
            return new Outcome(evaluation, unreadable, thumbnails, noHand, located, models);
        }

        /** Photos with a hand over photos read (1 when the locator is off). */
        public double detectionRate() {
            int read = evaluation.count() + noHand.size();
            return read == 0 ? 0 : evaluation.count() / (double) read;
        }

        /** Accuracy over every photo read, a photo without a hand counted as wrong. */
        public double overallAccuracy() {
            int read = evaluation.count() + noHand.size();
            return read == 0 ? 0 : evaluation.correct() / (double) read;
        }
    }

    public Outcome evaluate(DatasetIndex index, List<LabeledFile> files, Map<String, String> groups) {
        return evaluate(index, files, groups, false);
    }

    /**
     * As {@link #evaluate(DatasetIndex, List, Map)}; with {@code keepPhotos} the decoded photos that
     * were read come back in {@link Outcome#photos()}, with the locator's answer on each, so they can
     * be changed and scored again without decoding them twice.
     */
    public Outcome evaluate(DatasetIndex index, List<LabeledFile> files, Map<String, String> groups, boolean keepPhotos) {
        List<String> modelLabels = classifier.info().labels();
        for (String label : index.labels()) {
            if (!modelLabels.contains(label)) {
                throw new SignDigitsException("Folder '" + label + "' in " + index.root() + " is not a label of this model "
                        + modelLabels + "; remove it or evaluate another directory.");
            }
        }
        BulkDecoder.BulkResult<Decoded> decoded;
        try (ProgressBar bar = new ProgressBar(framing.locates() ? "hands" : "decode", files.size(), "img")) {
            decoded = decoder.decodeAll(index, files,
                    (f, image) -> new Decoded(keepPhotos ? image.rgb() : null, framing.frame(image.rgb())), bar::step);
        }
        List<BatchScorer.Item> items = new ArrayList<>();
        List<LabeledPhoto> photos = new ArrayList<>();
        for (BulkDecoder.Loaded<Decoded> item : decoded.items()) {
            String file = item.file().relativePath();
            int label = modelLabels.indexOf(index.labelName(item.file()));
            items.add(new BatchScorer.Item(file, label, groups.get(file), item.value().framed()));
            if (keepPhotos) {
                photos.add(new LabeledPhoto(file, label, groups.get(file), item.value().original(),
                        item.value().framed().hand()));
            }
        }
        BatchScorer scorer = new BatchScorer(classifier, combination, batchSize);
        try (ProgressBar bar = new ProgressBar("predict", items.stream().filter(i -> i.framed().readable()).count(), "img")) {
            scorer.score(items, bar::step);
        }
        Map<String, BufferedImage> thumbnails = new HashMap<>();
        items.stream().filter(i -> i.framed().readable()).forEach(i -> thumbnails.put(i.file(), i.framed().image()));
        List<String> noHand = scorer.noHand();
        ModelScores scores = scorer.scores();
        if (scores.isEmpty()) {
            throw new SignDigitsException(noHand.isEmpty() ? "No readable photos to evaluate in " + index.root() + "."
                    : "The hand locator found no hand in any of the " + noHand.size() + " photos in " + index.root()
                    + "; evaluate photos that show a hand.");
        }
        return new Outcome(Evaluation.of(modelLabels, scores.served()), decoded.report().failures(), thumbnails, noHand,
                framing.locates(), scores.accuracies(), photos);
    }

    /** A photo as decoded (or null when not kept) and as framed for the model. */
    private record Decoded(BufferedImage original, FramedPhoto framed) {}
}
