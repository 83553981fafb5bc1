package dev.signdigits.web;

import dev.signdigits.runtime.DigitClassifier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classifier shared by in-flight batches, counted so that a replaced model is closed only after
 * the last batch using it has finished. The holder owns one reference until it retires the model.
 */
final class LoadedModel {
    private final DigitClassifier classifier;
    private final ModelSnapshot snapshot;
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedModel(DigitClassifier classifier, ModelSnapshot snapshot) {
        this.classifier = classifier;
        this.snapshot = snapshot;
    }

    DigitClassifier classifier() {
        return classifier;
    }

    ModelSnapshot snapshot() {
        return snapshot;
    }

    /** Takes a reference unless the model is already closed (it was retired and drained meanwhile). */
    boolean tryRetain() {
        while (true) {
            int current = references.get();
            if (current == 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the classifier. */
    void release() {
        if (references.decrementAndGet() == 0) {
            classifier.close();
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }
}
