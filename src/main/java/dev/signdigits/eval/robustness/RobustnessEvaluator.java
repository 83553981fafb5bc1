package dev.signdigits.eval.robustness;

import dev.signdigits.SignDigitsException;
import dev.signdigits.eval.BatchScorer;
import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.progress.ProgressBar;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.shape.Combination;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the robustness section: for each condition, every photo is changed, framed by the model's
 * own {@link HandFraming} (a photo without a found hand counts toward the photos, not the hands),
 * classified in batches and scored with every model behind the answer ({@link BatchScorer}). A
 * photo a change leaves as it is (the same image) is cropped by the locator's answer the photo
 * came with ({@link LabeledPhoto#hand()}), not located again.
 * Changing and framing run on a few threads, a part of the set at a time while the previous part
 * is classified, so memory holds two parts of one changed set, never whole sets.
 */
public final class RobustnessEvaluator {
    /** The seed of the section when the caller has none of its own. */
    public static final long DEFAULT_SEED = 42;
    private static final int PART = 64;

    private final DigitClassifier classifier;
    private final HandFraming framing;
    private final Combination combination;
    private final int batchSize;
    private final int threads;

    /** @param threads threads changing and framing photos; 0 or less means one per available core */
    public RobustnessEvaluator(DigitClassifier classifier, HandFraming framing, Combination combination, int batchSize,
                               int threads) {
        if (framing.inputSize() != classifier.info().inputSize()) {
            throw new IllegalArgumentException("the framing is for " + framing.inputSize() + " px, the model reads "
                    + classifier.info().inputSize() + " px");
        }
        this.classifier = classifier;
        this.framing = framing;
        this.combination = combination;
        this.batchSize = Math.max(1, batchSize);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * One row per condition, in the order given; {@code seed} seeds every change that draws random
     * numbers. A photo's {@link LabeledPhoto#hand()}, when not null, must be this framing's answer on it.
     */
    public List<Breakdown.Condition> evaluate(List<LabeledPhoto> photos, List<PhotoCondition> conditions, long seed) {
        List<Breakdown.Condition> out = new ArrayList<>();
        if (photos.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, photos.size()), daemonThreads());
        try (ProgressBar bar = new ProgressBar("robustness", (long) photos.size() * conditions.size(), "img")) {
            for (PhotoCondition condition : conditions) {
                bar.setSuffix(condition.name());
                out.add(measure(condition, photos, seed, pool, bar));
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private Breakdown.Condition measure(PhotoCondition condition, List<LabeledPhoto> photos, long seed,
                                        ExecutorService pool, ProgressBar bar) {
        BatchScorer scorer = new BatchScorer(classifier, combination, batchSize);
        List<Future<BatchScorer.Item>> next = submit(condition.change(), photos, 0, seed, pool, bar);
        for (int start = 0; start < photos.size(); start += PART) {
            List<Future<BatchScorer.Item>> current = next;
            // the next part is changed and framed while this one is classified
            next = start + PART < photos.size() ? submit(condition.change(), photos, start + PART, seed, pool, bar) : List.of();
            scorer.score(collect(current), null);
        }
        String description = condition.seeded() ? condition.description() + "; seed " + seed : condition.description();
        return new Breakdown.Condition(condition.name(), description, photos.size(),
                photos.size() - scorer.noHand().size(), scorer.scores().accuracies());
    }

    private List<Future<BatchScorer.Item>> submit(PhotoChange change, List<LabeledPhoto> photos, int start, long seed,
                                                  ExecutorService pool, ProgressBar bar) {
        List<Future<BatchScorer.Item>> part = new ArrayList<>();
        for (int i = start; i < Math.min(photos.size(), start + PART); i++) {
            int index = i;
            LabeledPhoto photo = photos.get(index);
            part.add(pool.submit(() -> {
                BufferedImage changed = change.apply(photo.image(), index, seed);
                // a photo left as it is: the locator's answer on it is known from the evaluation
                FramedPhoto framed = changed == photo.image() && photo.hand() != null ? framing.frame(changed, photo.hand())
                        : framing.frame(changed);
                bar.step();
                return new BatchScorer.Item(photo.file(), photo.label(), photo.group(), framed);
            }));
        }
        return part;
    }

    private static List<BatchScorer.Item> collect(List<Future<BatchScorer.Item>> part) {
        List<BatchScorer.Item> items = new ArrayList<>(part.size());
        try {
            for (Future<BatchScorer.Item> future : part) {
                items.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignDigitsException("The robustness section was interrupted.", SignDigitsException.ENVIRONMENT, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return items;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "robustness-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
