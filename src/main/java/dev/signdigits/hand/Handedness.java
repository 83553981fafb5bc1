package dev.signdigits.hand;

import java.util.Locale;

/**
 * Which hand the person raised, as seen in the photo as given (not mirrored). MediaPipe's model
 * answers for a mirrored (selfie) image, so its "left" is the person's right hand in an ordinary
 * photo; {@link LandmarkModel} turns that around.
 */
public enum Handedness {
    LEFT,
    RIGHT;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
