package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * The "phone-like" stand-in ({@link StandIns#phoneLike}) of single dataset photos, for tests outside
 * this package (the web service, the page): the photo small in a 640x480 frame, turned, over a
 * background, with the ImageNet sample photos as scenery. Deterministic for a photo and a seed.
 */
public final class PhoneLikeFrames {
    private PhoneLikeFrames() {}

    /**
     * One frame.
     *
     * @param image  640x480 RGB
     * @param label  the digit the photo shows
     * @param bounds where the pasted photo lies in the frame (its turned square's bounding box)
     */
    public record Frame(BufferedImage image, String label, Box bounds) {}

    public static Frame of(Path photo, String label, long seed) {
        StandIns.Frame frame = StandIns.phoneLike(List.of(new HandTestData.LabeledPhoto(photo, label, "")),
                HandTestData.imagenetSamples(), seed).get(0);
        return new Frame(frame.image(), frame.label(), frame.bounds());
    }

    /** The ImageNet sample photos in ../shared (no hand in them). */
    public static List<Path> sceneries() {
        return HandTestData.imagenetSamples();
    }
}
