package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The one crop policy for the digit classifier: a square around the 21 landmarks, its side the
 * longer side of their bounding box times {@code 1 + margin}, optionally turned upright (the
 * wrist to middle-finger-base direction pointing up) before the box is taken. Where the square
 * leaves the photo the edge pixels are repeated, so a close-up's crop shows wall, not black bars.
 * Training, evaluation and serving must use the same instance to see the same crops.
 *
 * <p>{@code masked}: everything outside the hand's {@link HandMask} (drawn from the 21 landmarks)
 * is filled with neutral grey, so the model never sees the background: not in training, not in use.
 * The dataset's walls and a user's cluttered room then look the same to it, except for the thin rim
 * the mask leaves around the fingers.
 *
 * @param margin  extra room on the longer side, as a fraction of it (0.25: 25% wider and taller)
 * @param upright whether to turn the square so the hand points up
 * @param masked  whether to grey out what is not hand
 */
public record HandCrop(double margin, boolean upright, boolean masked) {
    /** Margin 0.1, upright: the best of six policies by a linear probe on MobileNet embeddings (docs/hand-locator.md). */
    public static final HandCrop DEFAULT = new HandCrop(0.1, true);
    /** What a masked crop shows where there is no hand: mid grey, about 0 after the models' normalization. */
    public static final int MASK_FILL = 0x808080;

    /** Unmasked (the policy of every model trained before masking existed). */
    public HandCrop(double margin, boolean upright) {
        this(margin, upright, false);
    }

    public HandCrop withMasked(boolean on) {
        return new HandCrop(margin, upright, on);
    }

    public HandCrop {
        if (!(margin >= 0 && margin <= 4)) {
            throw new IllegalArgumentException("margin must lie in [0, 4], got " + margin);
        }
    }

    /** The crop square in source pixels for these landmarks. */
    public RotatedRect region(List<Landmark> landmarks) {
        if (landmarks.size() != Landmark.COUNT) {
            throw new IllegalArgumentException("a hand has " + Landmark.COUNT + " landmarks, got " + landmarks.size());
        }
        Landmark wrist = landmarks.get(Landmark.WRIST);
        Landmark middle = landmarks.get(Landmark.MIDDLE_FINGER_BASE);
        double rotation = upright ? HandRegions.rotation(wrist.x(), wrist.y(), middle.x(), middle.y()) : 0;
        // the bounding box in the (possibly rotated) crop frame, centred on the wrist
        RotatedRect frame = new RotatedRect(wrist.x(), wrist.y(), 1, 1, rotation);
        Box box = HandRegions.extent(frame, landmarks);
        double side = Math.max(1, Math.max(box.w(), box.h()) * (1 + margin));
        double[] centre = frame.toImage(box.centerX(), box.centerY());
        return new RotatedRect(centre[0], centre[1], side, side, rotation);
    }

    /** The landmarks in the pixels of the {@code size x size} crop {@link #crop} makes of them (depth scaled alike). */
    public List<Landmark> inCrop(List<Landmark> landmarks, int size) {
        RotatedRect square = region(landmarks);
        double scale = size / square.width();
        List<Landmark> out = new java.util.ArrayList<>(landmarks.size());
        for (Landmark l : landmarks) {
            double[] unit = square.toUnit(l.x(), l.y());
            out.add(new Landmark(unit[0] * size, unit[1] * size, l.z() * scale));
        }
        return out;
    }

    /** The hand's mask in the {@code size x size} crop of it: which of the crop's pixels are hand, which background. */
    public HandMask mask(List<Landmark> landmarks, int size) {
        return HandMask.of(inCrop(landmarks, size), size, size);
    }

    /** The crop of a located hand as a {@code size x size} RGB image. */
    public BufferedImage crop(BufferedImage image, HandResult.Found hand, int size) {
        return crop(RgbFrame.of(image), hand.landmarks(), size);
    }

    public BufferedImage crop(RgbFrame frame, List<Landmark> landmarks, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size must be at least 1, got " + size);
        }
        BufferedImage crop = RegionSampler.toImage(frame, region(landmarks), size, Border.REPLICATE);
        return masked ? mask(landmarks, size).overColor(crop, MASK_FILL) : crop;
    }
}
