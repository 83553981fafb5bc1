package dev.signdigits.eval;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.shape.Combination;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The one scoring loop of an evaluation: framed photos are classified in batches and each is
 * scored with every model behind the answer ({@link ModelScores}); a photo in which the locator
 * found no hand is counted, not classified. Feed it in as many parts as suits the caller's memory.
 */
public final class BatchScorer {
    private final DigitClassifier classifier;
    private final int batchSize;
    private final ModelScores scores;
    private final List<String> noHand = new ArrayList<>();

    /**
     * A photo ready for the classifier.
     *
     * @param file   its path relative to the photo set's root
     * @param label  the index of its digit in the model's labels
     * @param group  its person session, or null
     * @param framed what {@link dev.signdigits.hand.HandFraming} made of it
     */
    public record Item(String file, int label, String group, FramedPhoto framed) {}

    public BatchScorer(DigitClassifier classifier, Combination combination, int batchSize) {
        this.classifier = classifier;
        this.batchSize = Math.max(1, batchSize);
        this.scores = new ModelScores(classifier.info().labels(), combination);
    }

    /** Classifies and scores the readable items, in order; {@code progress} (may be null) gets each batch's size. */
    public void score(List<Item> items, LongConsumer progress) {
        List<Item> readable = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.framed().readable()) {
                readable.add(item);
            } else {
                noHand.add(item.file());
            }
        }
        for (int start = 0; start < readable.size(); start += batchSize) {
            List<Item> batch = readable.subList(start, Math.min(readable.size(), start + batchSize));
            List<BufferedImage> images = batch.stream().map(i -> i.framed().image()).toList();
            List<float[]> probabilities = classifier.classify(images);
            for (int i = 0; i < batch.size(); i++) {
                Item item = batch.get(i);
                scores.add(item.file(), item.label(), probabilities.get(i), item.framed().hand(), item.group());
            }
            if (progress != null) {
                progress.accept(batch.size());
            }
        }
    }

    /** Every model's scores so far. */
    public ModelScores scores() {
        return scores;
    }

    /** The photos in which no hand was found, in the order they came. */
    public List<String> noHand() {
        return List.copyOf(noHand);
    }
}
