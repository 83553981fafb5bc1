package dev.signdigits.hand;

/**
 * An axis-aligned box {@code [x, y, w, h]}: top-left corner and size, in whatever unit its
 * producer says (source pixels, or 0..1 of the detector input).
 */
public record Box(double x, double y, double w, double h) {
    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    public double area() {
        return Math.max(0, w) * Math.max(0, h);
    }

    /** Intersection over union; 0 when either box is empty. */
    public double iou(Box other) {
        double ix = Math.min(x + w, other.x + other.w) - Math.max(x, other.x);
        double iy = Math.min(y + h, other.y + other.h) - Math.max(y, other.y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double intersection = ix * iy;
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** The part of this box inside {@code [0, width) x [0, height)}; may be empty. */
    public Box clip(double width, double height) {
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(width, x + w);
        double y1 = Math.min(height, y + h);
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** {@code [x, y, w, h]} as floats, the form the APIs send. */
    public float[] toArray() {
        return new float[] {(float) x, (float) y, (float) w, (float) h};
    }
}
