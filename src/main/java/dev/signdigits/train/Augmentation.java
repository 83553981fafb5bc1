package dev.signdigits.train;

import dev.signdigits.hand.HandMask;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Photometric and geometric jitter suited to hand photos taken by other people with other cameras:
 * small rotations, random scale and crop (off-center framing), brightness, contrast and colour
 * balance (other lighting and white balance), and an optional mirror. Mirroring swaps handedness;
 * the ASL digits are one-handed shapes that read the same with either hand, so a mirrored right
 * hand is a plausible left-handed signer: on by default, off with {@code --no-flip}.
 *
 * <p>Each variant is drawn from its own seeded generator, so results do not depend on thread order.
 *
 * @param maxRotationDegrees rotation drawn uniformly from +- this
 * @param minScale           the crop covers between this fraction of the side and 1.0
 * @param brightness         additive brightness jitter, fraction of the range
 * @param contrast           multiplicative contrast jitter, +- this fraction
 * @param colour             per-channel gain jitter, +- this fraction (white balance)
 * @param flip               mirror left-right with probability 0.5
 * @param backgroundShare    the share of variants whose background is replaced first (the hand kept by
 *                           its {@link HandMask}, see {@link Backgrounds}); needs the photo's mask
 * @param grayscaleShare     the share of variants turned to grey last (luma in all three channels)
 * @param degradeShare       the share of variants degraded as a cheap camera or dim light would
 *                           (blur, noise, low-quality JPEG or a dim room, see {@link CameraDegradation})
 */
public record Augmentation(double maxRotationDegrees, double minScale, double brightness, double contrast,
                           double colour, boolean flip, double backgroundShare, double grayscaleShare,
                           double degradeShare) {

    public Augmentation {
        if (!(backgroundShare >= 0 && backgroundShare <= 1 && grayscaleShare >= 0 && grayscaleShare <= 1
                && degradeShare >= 0 && degradeShare <= 1)) {
            throw new IllegalArgumentException("shares must lie in [0, 1], got " + backgroundShare + ", " + grayscaleShare
                    + " and " + degradeShare);
        }
    }

    /** Without degraded variants (the settings before they existed). */
    public Augmentation(double maxRotationDegrees, double minScale, double brightness, double contrast,
                        double colour, boolean flip, double backgroundShare, double grayscaleShare) {
        this(maxRotationDegrees, minScale, brightness, contrast, colour, flip, backgroundShare, grayscaleShare, 0);
    }

    public static Augmentation defaults(boolean flip) {
        return new Augmentation(15, 0.80, 0.15, 0.20, 0.08, flip, 0, 0);
    }

    /** These settings with the given shares of background-replaced and grey variants. */
    public Augmentation withShares(double background, double grayscale) {
        return new Augmentation(maxRotationDegrees, minScale, brightness, contrast, colour, flip, background, grayscale,
                degradeShare);
    }

    /** These settings with the given share of degraded variants. */
    public Augmentation withDegradeShare(double share) {
        return new Augmentation(maxRotationDegrees, minScale, brightness, contrast, colour, flip, backgroundShare,
                grayscaleShare, share);
    }

    /** One augmented, {@code size x size} RGB rendering of {@code src}. */
    public BufferedImage apply(BufferedImage src, int size, SplittableRandom rng) {
        return apply(src, size, rng, null);
    }

    /**
     * As {@link #apply(BufferedImage, int, SplittableRandom)}; with {@code mask} (the hand in
     * {@code src}'s pixels), a {@link #backgroundShare} of the variants show
     * the hand over a new background. With both shares 0 the draws, and so the variants, are exactly
     * those of the settings before the shares existed.
     */
    public BufferedImage apply(BufferedImage src, int size, SplittableRandom rng, HandMask mask) {
        if (backgroundShare > 0 && mask != null && rng.nextDouble() < backgroundShare) {
            src = mask.over(src, Backgrounds.draw(src.getWidth(), src.getHeight(), rng));
        }
        BufferedImage out = jitter(src, size, rng);
        // drawn only when asked for, so that with share 0 the variants are those of before
        if (degradeShare > 0 && rng.nextDouble() < degradeShare) {
            out = CameraDegradation.apply(out, rng);
        }
        if (grayscaleShare > 0 && rng.nextDouble() < grayscaleShare) {
            grey(out);
        }
        return out;
    }

    private BufferedImage jitter(BufferedImage src, int size, SplittableRandom rng) {
        int w = src.getWidth();
        int h = src.getHeight();
        double side = Math.min(w, h) * (minScale + rng.nextDouble() * (1 - minScale));
        double maxShiftX = (w - side) / 2;
        double maxShiftY = (h - side) / 2;
        double cx = w / 2.0 + (rng.nextDouble() * 2 - 1) * maxShiftX;
        double cy = h / 2.0 + (rng.nextDouble() * 2 - 1) * maxShiftY;
        double angle = Math.toRadians((rng.nextDouble() * 2 - 1) * maxRotationDegrees);
        boolean mirror = flip && rng.nextBoolean();

        // Map the rotated crop square around (cx, cy) onto the output square.
        AffineTransform t = new AffineTransform();
        t.translate(size / 2.0, size / 2.0);
        t.scale(size / side * (mirror ? -1 : 1), size / side);
        t.rotate(angle);
        t.translate(-cx, -cy);

        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            // Edge pixels replicate poorly in Java2D; fill with the image's mean colour instead of black.
            g.setColor(new java.awt.Color(meanRgb(src)));
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        adjustColours(out, rng);
        return out;
    }

    private void adjustColours(BufferedImage img, SplittableRandom rng) {
        double b = (rng.nextDouble() * 2 - 1) * brightness * 255;
        double c = 1 + (rng.nextDouble() * 2 - 1) * contrast;
        double[] gain = new double[3];
        for (int k = 0; k < 3; k++) {
            gain[k] = 1 + (rng.nextDouble() * 2 - 1) * colour;
        }
        int n = img.getWidth() * img.getHeight();
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < n; i++) {
            int p = px[i];
            int r = clamp(((((p >> 16) & 0xff) - 128) * c + 128 + b) * gain[0]);
            int gg = clamp(((((p >> 8) & 0xff) - 128) * c + 128 + b) * gain[1]);
            int bl = clamp((((p & 0xff) - 128) * c + 128 + b) * gain[2]);
            px[i] = (r << 16) | (gg << 8) | bl;
        }
        img.setRGB(0, 0, img.getWidth(), img.getHeight(), px, 0, img.getWidth());
    }

    /** ITU-R BT.601 luma in all three channels, as a greyscale camera or a black-and-white photo gives. */
    private static void grey(BufferedImage img) {
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int y = clamp(0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
            px[i] = y << 16 | y << 8 | y;
        }
        img.setRGB(0, 0, img.getWidth(), img.getHeight(), px, 0, img.getWidth());
    }

    private static int clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) Math.round(v);
    }

    private static int meanRgb(BufferedImage img) {
        long r = 0;
        long g = 0;
        long b = 0;
        int step = Math.max(1, Math.min(img.getWidth(), img.getHeight()) / 16);
        long n = 0;
        for (int y = 0; y < img.getHeight(); y += step) {
            for (int x = 0; x < img.getWidth(); x += step) {
                int p = img.getRGB(x, y);
                r += (p >> 16) & 0xff;
                g += (p >> 8) & 0xff;
                b += p & 0xff;
                n++;
            }
        }
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }
}
