package dev.signdigits.spark;

import dev.signdigits.hand.HandFraming;
import dev.signdigits.runtime.DigitClassifier;
import java.util.function.Function;

/**
 * What one partition predicts with: a classifier and the hand framing its model records (for a
 * hand-locator model, TFLite interpreters of its own). Opened once per partition and closed exactly
 * once, by whichever comes first: the last row, a failure while pulling rows, or the end of the task.
 */
final class PartitionModel implements AutoCloseable {
    private final DigitClassifier classifier;
    private final HandFraming framing;
    private boolean closed;

    private PartitionModel(DigitClassifier classifier, HandFraming framing) {
        this.classifier = classifier;
        this.framing = framing;
    }

    /** Takes ownership of {@code classifier} (closed here also when opening its framing fails). */
    static PartitionModel open(DigitClassifier classifier, Function<DigitClassifier, HandFraming> framingOf) {
        try {
            return new PartitionModel(classifier, framingOf.apply(classifier));
        } catch (RuntimeException | Error e) {
            classifier.close();
            throw e;
        }
    }

    DigitClassifier classifier() {
        return classifier;
    }

    HandFraming framing() {
        return framing;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the framing's locators and the classifier; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            framing.close();
        } finally {
            classifier.close();
        }
    }
}
