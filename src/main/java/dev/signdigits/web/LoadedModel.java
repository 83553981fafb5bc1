package dev.signdigits.web;

import dev.signdigits.shape.Combination;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.runtime.DigitClassifier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classifier and the framing it must be run with (the hand locator for a model trained with it),
 * shared by in-flight requests and batches, counted so that a replaced model is closed only after
 * the last one using it has finished. The holder owns one reference until it retires the model.
 */
final class LoadedModel {
    private final DigitClassifier classifier;
    private final HandFraming framing;
    private final ModelSnapshot snapshot;
    private final Combination combination;
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedModel(DigitClassifier classifier, HandFraming framing, ModelSnapshot snapshot) {
        this.classifier = classifier;
        this.framing = framing;
        this.snapshot = snapshot;
        this.combination = Combination.forModel(classifier.info().properties(), "model " + classifier.info().id());
    }

    /** How the answer is made from the image network's probabilities (hand shape, calibration). */
    Combination combination() {
        return combination;
    }

    DigitClassifier classifier() {
        return classifier;
    }

    HandFraming framing() {
        return framing;
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

    /** Gives a reference back; the last one closes the framing (its hand locators) and the classifier. */
    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                framing.close();
            } finally {
                classifier.close();
            }
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }
}
