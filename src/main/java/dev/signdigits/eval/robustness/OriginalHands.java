package dev.signdigits.eval.robustness;

import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where the hand is in each original photo of the evaluated set: the model's own locator's answer
 * when the evaluation already has it ({@link LabeledPhoto#hand()}), else located once by the given
 * locator and remembered. Thread-safe.
 */
public final class OriginalHands {
    private final List<LabeledPhoto> photos;
    private final HandFraming locator;
    private final AtomicReferenceArray<HandResult> known;

    /**
     * @param photos  the evaluated set
     * @param locator a framing that {@link HandFraming#locates() locates}, for the photos whose hand is
     *                not known; may be null when every photo's is
     */
    public OriginalHands(List<LabeledPhoto> photos, HandFraming locator) {
        if (locator != null && !locator.locates()) {
            throw new IllegalArgumentException("the locator for the original photos must locate hands");
        }
        this.photos = List.copyOf(photos);
        this.locator = locator;
        this.known = new AtomicReferenceArray<>(photos.size());
        for (int i = 0; i < photos.size(); i++) {
            known.set(i, photos.get(i).hand());
            if (photos.get(i).hand() == null && locator == null) {
                throw new IllegalArgumentException("no locator for " + photos.get(i).file() + ", whose hand is not known");
            }
        }
    }

    /** The locator's answer on the original photo at {@code index}. */
    public HandResult of(int index) {
        HandResult hand = known.get(index);
        if (hand == null) {
            // two threads may locate the same photo at once: the answer is the same, either is kept
            hand = locator.locate(photos.get(index).image());
            known.compareAndSet(index, null, hand);
        }
        return hand;
    }
}
