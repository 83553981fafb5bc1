package dev.signdigits.eval;

import dev.signdigits.hand.HandResult;
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
     * that could not be read, the photos in which the locator found no hand (empty when it is off).
     */
    public record Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails,
                          List<String> noHand, boolean located, List<ModelAccuracy> models) {
        public Outcome {
            noHand = List.copyOf(noHand);
            models = List.copyOf(models);
        }

        public Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails) {
            this(evaluation, unreadable, thumbnails, List.of(), false, List.of());
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
        List<String> modelLabels = classifier.info().labels();
        for (String label : index.labels()) {
            if (!modelLabels.contains(label)) {
                throw new SignDigitsException("Folder '" + label + "' in " + index.root() + " is not a label of this model "
                        + modelLabels + "; remove it or evaluate another directory.");
            }
        }
        BulkDecoder.BulkResult<FramedPhoto> decoded;
        try (ProgressBar bar = new ProgressBar(framing.locates() ? "hands" : "decode", files.size(), "img")) {
            decoded = decoder.decodeAll(index, files, (f, image) -> framing.frame(image.rgb()), bar::step);
        }
        ModelScores scores = new ModelScores(modelLabels, combination);
        Map<String, BufferedImage> thumbnails = new java.util.HashMap<>();
        List<String> noHand = new ArrayList<>();
        List<BulkDecoder.Loaded<BufferedImage>> items = new ArrayList<>();
        Map<LabeledFile, HandResult> hands = new java.util.HashMap<>();
        for (BulkDecoder.Loaded<FramedPhoto> item : decoded.items()) {
            if (item.value().readable()) {
                items.add(new BulkDecoder.Loaded<>(item.file(), item.value().image()));
                hands.put(item.file(), item.value().hand());
            } else {
                noHand.add(item.file().relativePath());
            }
        }
        try (ProgressBar bar = new ProgressBar("predict", items.size(), "img")) {
            for (int start = 0; start < items.size(); start += batchSize) {
                List<BulkDecoder.Loaded<BufferedImage>> batch = items.subList(start, Math.min(items.size(), start + batchSize));
                List<float[]> probabilities = classifier.classify(batch.stream().map(BulkDecoder.Loaded::value).toList());
                for (int i = 0; i < batch.size(); i++) {
                    LabeledFile file = batch.get(i).file();
                    int label = modelLabels.indexOf(index.labelName(file));
                    scores.add(file.relativePath(), label, probabilities.get(i), hands.get(file), groups.get(file.relativePath()));
                    thumbnails.put(file.relativePath(), batch.get(i).value());
                }
                bar.step(batch.size());
            }
        }
        if (scores.isEmpty()) {
            throw new SignDigitsException(noHand.isEmpty() ? "No readable photos to evaluate in " + index.root() + "."
                    : "The hand locator found no hand in any of the " + noHand.size() + " photos in " + index.root()
                    + "; evaluate photos that show a hand.");
        }
        return new Outcome(Evaluation.of(modelLabels, scores.served()), decoded.report().failures(), thumbnails, noHand,
                framing.locates(), scores.accuracies());
    }
}
