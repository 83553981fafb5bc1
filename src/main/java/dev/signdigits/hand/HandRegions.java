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

    /** The landmarks MediaPipe's landmarks-to-region step uses: wrist, thumb base joints and each finger's two lowest joints. */
    private static final int[] REGION_LANDMARKS = {0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18};
    static final double LANDMARK_SCALE = 2.0;
    static final double LANDMARK_SHIFT_Y = -0.1;

    /**
     * The rotated square around a hand from its own landmarks, as MediaPipe's
     * hand_landmark_landmarks_to_roi graph derives the next frame's region: turned so that the wrist
     * to the middle of the index, middle and ring finger bases points up, the bounding box of the
     * palm and lower finger joints in that frame, moved a tenth of its height toward the fingers,
     * made square on its longer side and scaled twice. Reading the hand again there centres it as the
     * landmark model was trained to see it.
     */
    public static RotatedRect fromLandmarks(java.util.List<Landmark> landmarks) {
        Landmark wrist = landmarks.get(0);
        Landmark index = landmarks.get(5);
        Landmark middle = landmarks.get(9);
        Landmark ring = landmarks.get(13);
        double x1 = ((index.x() + ring.x()) / 2 + middle.x()) / 2;
        double y1 = ((index.y() + ring.y()) / 2 + middle.y()) / 2;
        double rotation = rotation(wrist.x(), wrist.y(), x1, y1);
        RotatedRect axes = new RotatedRect(wrist.x(), wrist.y(), 1, 1, rotation);
        Box box = extent(axes, java.util.Arrays.stream(REGION_LANDMARKS).mapToObj(landmarks::get).toList());
        double[] centre = axes.toImage(box.centerX(), box.centerY() + LANDMARK_SHIFT_Y * box.h());
        double side = Math.max(1, Math.max(box.w(), box.h()) * LANDMARK_SCALE);
        return new RotatedRect(centre[0], centre[1], side, side, rotation);
    }

    /** The bounding box of {@code points} in the local frame of {@code axes} (offsets from its center, its rotation). */
    static Box extent(RotatedRect axes, java.util.List<Landmark> points) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Landmark l : points) {
            double[] p = axes.toLocal(l.x(), l.y());
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /**
     * The rotation (radians) that turns the vector from {@code (x0, y0)} to {@code (x1, y1)} (image
     * pixels, y down) to point straight up in the rotated frame; 0 when it already does.
     */
    public static double rotation(double x0, double y0, double x1, double y1) {
        return RotatedRect.normalizeRadians(TARGET_ANGLE - Math.atan2(-(y1 - y0), x1 - x0));
    }
}
