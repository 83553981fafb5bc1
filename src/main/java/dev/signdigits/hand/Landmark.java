package dev.signdigits.hand;

/**
 * One of the 21 hand landmarks (MediaPipe's order: 0 wrist, 1-4 thumb, 5-8 index, 9-12 middle,
 * 13-16 ring, 17-20 little finger, each from base to tip), in source pixels. {@code z} is depth
 * relative to the wrist on roughly the same scale as x (smaller is nearer the camera).
 */
public record Landmark(double x, double y, double z) {
    public static final int COUNT = 21;
    public static final int WRIST = 0;
    public static final int MIDDLE_FINGER_BASE = 9;
}
