package dev.signdigits.hand;

/**
 * A rectangle turned about its center, in source pixels: MediaPipe's hand region. Its local
 * frame has x to the right and y down; {@code rotation} (radians, clockwise on screen because y
 * points down) turns the local frame into the image frame. A region whose hand points straight
 * up has rotation 0.
 */
public record RotatedRect(double centerX, double centerY, double width, double height, double rotation) {

    /** The axis-aligned square of side {@code max(w, h)} centred on a {@code w x h} image: its letterbox. */
    public static RotatedRect letterbox(int imageWidth, int imageHeight) {
        double side = Math.max(imageWidth, imageHeight);
        return new RotatedRect(imageWidth / 2.0, imageHeight / 2.0, side, side, 0);
    }

    /** The image point of local offset {@code (dx, dy)} from the center (in pixels of this rect). */
    public double[] toImage(double dx, double dy) {
        double c = Math.cos(rotation);
        double s = Math.sin(rotation);
        return new double[] {centerX + dx * c - dy * s, centerY + dx * s + dy * c};
    }

    /** The local offset from the center of image point {@code (x, y)}; inverse of {@link #toImage}. */
    public double[] toLocal(double x, double y) {
        double c = Math.cos(rotation);
        double s = Math.sin(rotation);
        double dx = x - centerX;
        double dy = y - centerY;
        return new double[] {dx * c + dy * s, -dx * s + dy * c};
    }

    /**
     * The image point of {@code (u, v)} given in 0..1 of this rect (0,0 its top-left corner as
     * seen in the crop, 1,1 the bottom-right).
     */
    public double[] fromUnit(double u, double v) {
        return toImage((u - 0.5) * width, (v - 0.5) * height);
    }

    /** Where image point {@code (x, y)} falls in 0..1 of this rect; inverse of {@link #fromUnit}. */
    public double[] toUnit(double x, double y) {
        double[] local = toLocal(x, y);
        return new double[] {local[0] / width + 0.5, local[1] / height + 0.5};
    }

    /** The four corners in image pixels: top-left, top-right, bottom-right, bottom-left of the crop. */
    public double[][] corners() {
        return new double[][] {fromUnit(0, 0), fromUnit(1, 0), fromUnit(1, 1), fromUnit(0, 1)};
    }

    /** The smallest axis-aligned box holding the four corners (not clipped to the image). */
    public Box bounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : corners()) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /** {@code angle} in [-pi, pi). */
    static double normalizeRadians(double angle) {
        return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
    }
}
