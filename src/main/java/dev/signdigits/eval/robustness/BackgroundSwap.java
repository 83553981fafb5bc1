package dev.signdigits.eval.robustness;

import dev.signdigits.hand.HandMask;
import dev.signdigits.hand.HandResult;
import java.awt.image.BufferedImage;

/**
 * The photo's hand over a new background: the hand's {@link HandMask} from the landmarks the
 * locator found in the original photo, over one of the {@link Backdrops} of the photo's size. A
 * photo in which no hand was found stays as it is (and is counted like any other).
 */
public final class BackgroundSwap implements PhotoChange {
    private static final long SALT = 5;

    private final OriginalHands hands;
    private final Backdrops backdrops;

    public BackgroundSwap(OriginalHands hands, Backdrops backdrops) {
        this.hands = hands;
        this.backdrops = backdrops;
    }

    public static String description() {
        return "the hand (its mask from the locator's 21 landmarks on the original) over " + Backdrops.DESCRIPTION
                + "; photos without a found hand unchanged";
    }

    /** {@code photo} must be the original photo at {@code index} of the set the hands were found in. */
    @Override
    public BufferedImage apply(BufferedImage photo, int index, long seed) {
        if (!(hands.of(index) instanceof HandResult.Found hand)) {
            return photo;
        }
        int w = photo.getWidth();
        int h = photo.getHeight();
        BufferedImage background = backdrops.draw(w, h, index, PhotoChange.random(seed, index, SALT));
        return HandMask.of(hand.landmarks(), w, h).over(photo, background);
    }
}
