package dev.signdigits.hand;

/** What a crop shows where its region leaves the frame. */
public enum Border {
    /** Black, as MediaPipe pads the palm detector's letterbox. */
    ZERO,
    /** The nearest edge pixel, as MediaPipe's default for the landmark crop. */
    REPLICATE
}
