package dev.signdigits.hand;

import java.util.Locale;

/** How a hand was found. */
public enum HandPath {
    /** The palm detector fired on the letterboxed frame; landmarks were read in the region it gave. */
    PALM_DETECTOR,
    /** The detector did not fire (typically a close-up); landmarks were read on the whole letterboxed frame. */
    WHOLE_FRAME;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
