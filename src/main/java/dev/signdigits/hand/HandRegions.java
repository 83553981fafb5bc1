package dev.signdigits.hand;

/**
 * The rotated square around the whole hand derived from a palm detection, as MediaPipe's
 * palm_detection_detection_to_roi graph does: the palm box, turned so that the wrist (keypoint 0)
 * to middle-finger base (keypoint 2) direction points up (target angle 90 degrees), moved half a
 * box height toward the fingers (shift_y -0.5), made square on its longer side and scaled 2.6
 * times. All in image pixels, so the square stays square on a non-square frame.
 */
public final class HandRegions {
    static final double TARGET_ANGLE = Math.PI / 2;
    static final double SCALE = 2.6;
    static final double SHIFT_Y = -0.5;

    private HandRegions() {}

    /** @param palm a detection already in image pixels (see {@link PalmDetection#mapped}) */
    public static RotatedRect fromPalm(PalmDetection palm) {
        double rotation = rotation(palm.keypointX(PalmDetection.WRIST), palm.keypointY(PalmDetection.WRIST),
                palm.keypointX(PalmDetection.MIDDLE_FINGER_BASE), palm.keypointY(PalmDetection.MIDDLE_FINGER_BASE));
        double w = palm.box().w();
        double h = palm.box().h();
        double cx = palm.box().centerX() - h * SHIFT_Y * Math.sin(rotation);
        double cy = palm.box().centerY() + h * SHIFT_Y * Math.cos(rotation);
        double side = Math.max(w, h) * SCALE;
        return new RotatedRect(cx, cy, side, side, rotation);
    }

    /**
     * The rotation (radians) that turns the vector from {@code (x0, y0)} to {@code (x1, y1)} (image
     * pixels, y down) to point straight up in the rotated frame; 0 when it already does.
     */
    public static double rotation(double x0, double y0, double x1, double y1) {
        return RotatedRect.normalizeRadians(TARGET_ANGLE - Math.atan2(-(y1 - y0), x1 - x0));
    }
}
