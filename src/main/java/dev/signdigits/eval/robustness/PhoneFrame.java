package dev.signdigits.eval.robustness;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A phone-like frame: the photo scaled to {@value #MIN_SHARE}-{@value #MAX_SHARE} of a 640x480
 * frame's width, turned up to {@value #MAX_TURN_DEGREES} degrees either way, at a random place
 * (inside the frame where it fits) over one of the {@link Backdrops}: the small, off-centre,
 * tilted hand of a photo taken with a phone at arm's length.
 */
public final class PhoneFrame implements PhotoChange {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final double MIN_SHARE = 0.15;
    public static final double MAX_SHARE = 0.40;
    public static final double MAX_TURN_DEGREES = 25;
    private static final long SALT = 7;

    private final Backdrops backdrops;

    public PhoneFrame(Backdrops backdrops) {
        this.backdrops = backdrops;
    }

    public static String description() {
        return String.format(Locale.ROOT, "the photo at %.0f-%.0f%% of a %dx%d frame's width, turned up to %.0f degrees"
                + " either way, at a random place over %s", MIN_SHARE * 100, MAX_SHARE * 100, WIDTH, HEIGHT,
                MAX_TURN_DEGREES, Backdrops.DESCRIPTION);
    }

    @Override
    public BufferedImage apply(BufferedImage photo, int index, long seed) {
        SplittableRandom random = PhotoChange.random(seed, index, SALT);
        BufferedImage frame = backdrops.draw(WIDTH, HEIGHT, index, random);
        double scale = WIDTH * (MIN_SHARE + (MAX_SHARE - MIN_SHARE) * random.nextDouble()) / photo.getWidth();
        double angle = Math.toRadians(MAX_TURN_DEGREES * (2 * random.nextDouble() - 1));
        double w = photo.getWidth() * scale;
        double h = photo.getHeight() * scale;
        double extentX = Math.abs(w * Math.cos(angle)) + Math.abs(h * Math.sin(angle));
        double extentY = Math.abs(w * Math.sin(angle)) + Math.abs(h * Math.cos(angle));
        double cx = place(extentX, WIDTH, random);
        double cy = place(extentY, HEIGHT, random);
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(angle);
        t.scale(scale, scale);
        t.translate(-photo.getWidth() / 2.0, -photo.getHeight() / 2.0);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(photo, t, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** The centre along one axis: anywhere the turned photo fits whole, or the middle when it does not fit. */
    private static double place(double extent, int size, SplittableRandom random) {
        double room = size - extent;
        return room <= 0 ? size / 2.0 : extent / 2 + random.nextDouble() * room;
    }
}
