package dev.signdigits.web;

import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a classifier to take a fixed time per inference call and record batch sizes, for load tests. */
final class SlowClassifier implements DigitClassifier {
    private final DigitClassifier inner;
    private final Duration delay;
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    /** The thread of each inference call: a batcher worker ("inference-N") or the request's own way. */
    final List<String> threads = new CopyOnWriteArrayList<>();

    SlowClassifier(DigitClassifier inner, Duration delay) {
        this.inner = inner;
        this.delay = delay;
    }

    static ClassifierLoader loader(Duration delay, List<SlowClassifier> made) {
        return dir -> {
            SlowClassifier slow = new SlowClassifier(TestModels.loader().load(dir), delay);
            made.add(slow);
            return slow;
        };
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public List<float[]> classify(List<BufferedImage> images) {
        running.incrementAndGet();
        try {
            batchSizes.add(images.size());
            threads.add(Thread.currentThread().getName());
            Thread.sleep(delay.toMillis());
            return inner.classify(images);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
