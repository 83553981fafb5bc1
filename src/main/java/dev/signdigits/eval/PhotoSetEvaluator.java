package dev.signdigits.eval;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.DecodeFailure;
import dev.signdigits.data.LabeledFile;
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

    public PhotoSetEvaluator(DigitClassifier classifier, BulkDecoder decoder, int batchSize) {
        this.classifier = classifier;
        this.decoder = decoder;
        this.batchSize = Math.max(1, batchSize);
    }

    /** What came out: the evaluation and the photos that could not be read. */
    public record Outcome(Evaluation evaluation, List<DecodeFailure> unreadable, Map<String, BufferedImage> thumbnails) {}

    public Outcome evaluate(DatasetIndex index, List<LabeledFile> files, Map<String, String> groups) {
        List<String> modelLabels = classifier.info().labels();
        for (String label : index.labels()) {
            if (!modelLabels.contains(label)) {
                throw new SignDigitsException("Folder '" + label + "' in " + index.root() + " is not a label of this model "
                        + modelLabels + "; remove it or evaluate another directory.");
            }
        }
        BulkDecoder.BulkResult<BufferedImage> decoded;
        try (ProgressBar bar = new ProgressBar("decode", files.size(), "img")) {
            decoded = decoder.decodeAll(index, files, (f, image) -> image.rgb(), bar::step);
        }
        List<Scored> scored = new ArrayList<>();
        Map<String, BufferedImage> thumbnails = new java.util.HashMap<>();
        List<BulkDecoder.Loaded<BufferedImage>> items = decoded.items();
        try (ProgressBar bar = new ProgressBar("predict", items.size(), "img")) {
            for (int start = 0; start < items.size(); start += batchSize) {
                List<BulkDecoder.Loaded<BufferedImage>> batch = items.subList(start, Math.min(items.size(), start + batchSize));
                List<float[]> probabilities = classifier.classify(batch.stream().map(BulkDecoder.Loaded::value).toList());
                for (int i = 0; i < batch.size(); i++) {
                    LabeledFile file = batch.get(i).file();
                    int label = modelLabels.indexOf(index.labelName(file));
                    scored.add(new Scored(file.relativePath(), label, probabilities.get(i), groups.get(file.relativePath())));
                    thumbnails.put(file.relativePath(), batch.get(i).value());
                }
                bar.step(batch.size());
            }
        }
        if (scored.isEmpty()) {
            throw new SignDigitsException("No readable photos to evaluate in " + index.root() + ".");
        }
        return new Outcome(Evaluation.of(modelLabels, scored), decoded.report().failures(), thumbnails);
    }
}
