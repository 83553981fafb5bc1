package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A decoded photo made ready for the digit classifier by {@link HandFraming}.
 *
 * @param image the square the model reads (framed whole photo, or the hand crop), or null when no hand was found
 * @param hand  what the locator said, or null when the locator is off
 */
public record FramedPhoto(BufferedImage image, HandResult hand) {
    public FramedPhoto {
        if (image == null && (hand == null || hand.found())) {
            throw new IllegalArgumentException("only a photo without a hand has no image");
        }
    }

    /** Whether the model can read it (false: the locator found no hand). */
    public boolean readable() {
        return image != null;
    }

    public Optional<HandResult> handResult() {
        return Optional.ofNullable(hand);
    }
}
