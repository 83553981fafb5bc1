package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand mask on real photos with the real lite locator, and on a drawn hand with spread fingers. */
class HandMaskTest {
    private static final int MAGENTA = 0xff00ff;

    @Test
    void keepsTheHandFromTheLandmarksAndReplacesTheFarBackground() {
        try (HandLocator locator = HandLocator.open(HandTestData.models(HandModels.Variant.LITE), HandLocator.Settings.DEFAULT)) {
            for (String file : List.of("0/IMG_1118.JPG", "3/IMG_1121.JPG", "5/IMG_1123.JPG", "9/IMG_1127.JPG")) {
                BufferedImage photo = HandTestData.read(HandTestData.DATASET.resolve(file));
                HandResult.Found hand = (HandResult.Found) locator.locate(photo);
                HandMask mask = HandMask.of(hand.landmarks(), photo.getWidth(), photo.getHeight());
                BufferedImage background = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < photo.getHeight(); y++) {
                    for (int x = 0; x < photo.getWidth(); x++) {
                        background.setRGB(x, y, MAGENTA);
                    }
                }
                BufferedImage composite = mask.over(photo, background);
                for (Landmark l : hand.landmarks()) {
                    int x = Math.min(photo.getWidth() - 1, Math.max(0, (int) l.x()));
                    int y = Math.min(photo.getHeight() - 1, Math.max(0, (int) l.y()));
                    assertThat(mask.at(x, y)).as(file + " landmark at " + x + "," + y).isGreaterThan(0.99f);
                    assertThat(composite.getRGB(x, y) & 0xffffff).as(file).isEqualTo(photo.getRGB(x, y) & 0xffffff);
                }
                int[] far = farthestCorner(hand.landmarks(), photo.getWidth(), photo.getHeight());
                assertThat(far[2]).as(file + " the corner lies well away from the hand").isGreaterThan(25);
                assertThat(mask.at(far[0], far[1])).as(file).isZero();
                assertThat(composite.getRGB(far[0], far[1]) & 0xffffff).as(file).isEqualTo(MAGENTA);
            }
        }
    }

    @Test
    void inTheTrainingCropTheMaskLiesWhereTheCropShowsTheHand() {
        HandCrop crop = HandCrop.DEFAULT;
        try (HandLocator locator = HandLocator.open(HandTestData.models(HandModels.Variant.LITE), HandLocator.Settings.DEFAULT)) {
            for (String file : List.of("0/IMG_1118.JPG", "6/IMG_1124.JPG", "8/IMG_1126.JPG")) {
                BufferedImage photo = HandTestData.read(HandTestData.DATASET.resolve(file));
                HandResult.Found hand = (HandResult.Found) locator.locate(photo);
                List<Landmark> inCrop = crop.inCrop(hand.landmarks(), 224);
                HandMask mask = crop.mask(hand.landmarks(), 224);
                // the crop is a square around the landmarks with a 10% margin: they all lie inside it, on the mask
                for (Landmark l : inCrop) {
                    assertThat(l.x()).as(file).isBetween(0.0, 224.0);
                    assertThat(l.y()).as(file).isBetween(0.0, 224.0);
                    assertThat(mask.at((int) l.x(), (int) l.y())).as(file + " landmark").isGreaterThan(0.99f);
                }
                // and the wrist, turned upright, sits low in the crop, the middle finger base above it
                assertThat(inCrop.get(Landmark.WRIST).y()).as(file).isGreaterThan(inCrop.get(Landmark.MIDDLE_FINGER_BASE).y());
                double covered = 0;
                for (float a : mask.alpha()) {
                    covered += a;
                }
                assertThat(covered / mask.alpha().length).as(file + " share of the crop that is hand").isBetween(0.15, 0.85);
            }
        }
    }

    @Test
    void leavesTheGapBetweenSpreadFingersOut() {
        // a "V": index and middle finger spread from the palm; the convex hull would fill between the tips
        List<Landmark> landmarks = new ArrayList<>();
        double[][] points = {
            {50, 90}, {40, 82}, {35, 74}, {32, 68}, {30, 62},   // wrist, thumb
            {42, 62}, {34, 45}, {28, 32}, {22, 20},             // index, leaning left
            {50, 60}, {58, 43}, {64, 30}, {70, 18},             // middle, leaning right
            {57, 62}, {57, 64}, {56, 67}, {55, 69},             // ring, folded
            {63, 65}, {62, 67}, {61, 69}, {60, 71}};            // little, folded
        for (double[] p : points) {
            landmarks.add(new Landmark(p[0], p[1], 0));
        }
        HandMask mask = HandMask.of(landmarks, 100, 100);
        assertThat(mask.at(22, 20)).isEqualTo(1f);
        assertThat(mask.at(70, 18)).isEqualTo(1f);
        assertThat(mask.at(46, 22)).as("between the finger tips").isZero();
        assertThat(mask.at(5, 5)).isZero();
        // feathered: somewhere between the fingertip and the gap the mask passes through values between 0 and 1
        boolean soft = false;
        for (int x = 22; x < 46; x++) {
            soft |= mask.at(x, 20) > 0.05f && mask.at(x, 20) < 0.95f;
        }
        assertThat(soft).isTrue();
    }

    /** The photo corner farthest from every landmark: x, y and that distance. */
    private static int[] farthestCorner(List<Landmark> landmarks, int width, int height) {
        int[] best = null;
        for (int[] c : new int[][] {{0, 0}, {width - 1, 0}, {0, height - 1}, {width - 1, height - 1}}) {
            double nearest = landmarks.stream().mapToDouble(l -> Math.hypot(l.x() - c[0], l.y() - c[1])).min().orElseThrow();
            if (best == null || nearest > best[2]) {
                best = new int[] {c[0], c[1], (int) nearest};
            }
        }
        return best;
    }
}
