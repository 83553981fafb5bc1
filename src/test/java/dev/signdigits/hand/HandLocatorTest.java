package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The locator on real photos with the real models and the real TFLite runtime. */
class HandLocatorTest {
    private static HandLocator locator;

    @BeforeAll
    static void open() {
        locator = HandLocator.open(HandTestData.models(HandModels.Variant.FULL), HandLocator.Settings.DEFAULT);
    }

    @AfterAll
    static void close() {
        locator.close();
    }

    @Test
    void findsTheHandInDatasetCloseUps() {
        // 1/IMG_4716.JPG: a weak palm detection once gave a 10 px "hand" there (too small to read, now refused)
        for (String file : List.of("0/IMG_1118.JPG", "3/IMG_1121.JPG", "5/IMG_1123.JPG", "7/IMG_1125.JPG", "9/IMG_1127.JPG",
                "1/IMG_4716.JPG")) {
            Path photo = HandTestData.DATASET.resolve(file);
            BufferedImage image = HandTestData.read(photo);
            HandResult result = locator.locate(image);
            assertThat(result.found()).as(file).isTrue();
            HandResult.Found hand = (HandResult.Found) result;
            assertThat(hand.landmarks()).hasSize(21);
            assertThat(hand.presence()).isGreaterThanOrEqualTo(0.5);
            // a close-up: the landmark box covers a good part of the photo and lies inside it
            assertThat(hand.box().w() * hand.box().h()).as(file).isGreaterThan(0.05 * image.getWidth() * image.getHeight());
            assertThat(hand.box().x() + hand.box().w()).isLessThanOrEqualTo(image.getWidth());
            assertThat(hand.box().y() + hand.box().h()).isLessThanOrEqualTo(image.getHeight());
        }
    }

    @Test
    void refinementRereadsTheLandmarksWithTheFullModelAndKeepsTheDecision() {
        HandModels.ModelPaths lite = HandTestData.models(HandModels.Variant.LITE);
        assertThat(lite.refiner().getFileName().toString()).isEqualTo(HandModels.LANDMARK_FULL.file());
        try (HandLocator plain = HandLocator.open(lite, HandLocator.Settings.DEFAULT.withRefinement(Refinement.NONE));
             HandLocator once = HandLocator.open(lite, HandLocator.Settings.DEFAULT.withRefinement(Refinement.FULL));
             HandLocator twice = HandLocator.open(lite, HandLocator.Settings.DEFAULT)) {
            for (String file : List.of("0/IMG_1118.JPG", "6/IMG_1124.JPG", "8/IMG_1126.JPG")) {
                BufferedImage image = HandTestData.read(HandTestData.DATASET.resolve(file));
                HandResult.Found first = (HandResult.Found) plain.locate(image);
                double side = Math.max(first.box().w(), first.box().h());
                for (HandLocator refining : List.of(once, twice)) {
                    HandResult.Found refined = (HandResult.Found) refining.locate(image);
                    // the same hand, found the same way; only its landmarks are read again, in the hand's own region
                    assertThat(refined.presence()).isEqualTo(first.presence());
                    assertThat(refined.handedness()).isEqualTo(first.handedness());
                    assertThat(refined.path()).isEqualTo(first.path());
                    assertThat(refined.region()).isEqualTo(HandRegions.fromLandmarks(first.landmarks()));
                    assertThat(refined.landmarks()).isNotEqualTo(first.landmarks());
                    double moved = 0;
                    for (int i = 0; i < Landmark.COUNT; i++) {
                        moved += Math.hypot(refined.landmarks().get(i).x() - first.landmarks().get(i).x(),
                                refined.landmarks().get(i).y() - first.landmarks().get(i).y()) / Landmark.COUNT;
                    }
                    // on a clear close-up both models agree to a few percent of the hand
                    assertThat(moved).as(file).isLessThan(0.08 * side);
                }
            }
        }
    }

    @Test
    void findsASmallTurnedHandInAPhoneLikeFrameWithTheBoxOnIt() {
        List<HandTestData.LabeledPhoto> photos = List.of(
                new HandTestData.LabeledPhoto(HandTestData.DATASET.resolve("3/IMG_1121.JPG"), "3", "g000"),
                new HandTestData.LabeledPhoto(HandTestData.DATASET.resolve("5/IMG_1123.JPG"), "5", "g000"));
        for (StandIns.Frame frame : StandIns.phoneLike(photos, HandTestData.imagenetSamples(), 3)) {
            HandResult result = locator.locate(frame.image());
            assertThat(result.found()).as(frame.name()).isTrue();
            HandResult.Found hand = (HandResult.Found) result;
            assertThat(hand.path()).isEqualTo(HandPath.PALM_DETECTOR);
            assertThat(hand.detectorScore()).isGreaterThanOrEqualTo(0.5);
            assertThat(StandIns.onThePhoto(hand, frame)).as(frame.name() + " box " + hand.box() + " photo " + frame.bounds()).isTrue();
            for (Landmark l : hand.landmarks()) {
                assertThat(l.x()).isBetween(frame.bounds().x() - 5, frame.bounds().x() + frame.bounds().w() + 5);
                assertThat(l.y()).isBetween(frame.bounds().y() - 5, frame.bounds().y() + frame.bounds().h() + 5);
            }
        }
    }

    @Test
    void endingTheTiledLookAtTheFirstSureHandFindsTheSameHandsAsSearchingEverySquare() {
        // small hands (15-40% of the width) over varied backgrounds: many need the tiled look
        List<HandTestData.LabeledPhoto> photos = HandTestData.split(dev.signdigits.data.split.Split.VAL).subList(0, 16);
        HandLocator.Settings everySquare = HandLocator.Settings.DEFAULT.withHotTilesFirst(false);
        int found = 0;
        try (HandLocator hotFirst = HandLocator.open(HandTestData.models(HandModels.Variant.LITE), HandLocator.Settings.DEFAULT);
             HandLocator exhaustive = HandLocator.open(HandTestData.models(HandModels.Variant.LITE), everySquare)) {
            for (StandIns.Frame frame : StandIns.phoneLike(photos, HandTestData.imagenetSamples(), 11)) {
                HandResult quick = hotFirst.locate(frame.image());
                HandResult full = exhaustive.locate(frame.image());
                assertThat(quick.found()).as(frame.name()).isEqualTo(full.found());
                if (quick instanceof HandResult.Found a && full instanceof HandResult.Found b) {
                    found++;
                    assertThat(Math.hypot(a.box().centerX() - b.box().centerX(), a.box().centerY() - b.box().centerY()))
                            .as(frame.name() + ": " + a.box() + " vs " + b.box()).isLessThan(0.1 * Math.max(b.box().w(), b.box().h()));
                }
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(14);
    }

    @Test
    void twoHandsGiveTheMoreConfidentOne() {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(90, 110, 130));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(HandTestData.read(HandTestData.DATASET.resolve("3/IMG_1121.JPG")), 40, 120, 200, 200, null);
        g.drawImage(HandTestData.read(HandTestData.DATASET.resolve("5/IMG_1123.JPG")), 400, 140, 200, 200, null);
        g.dispose();
        HandResult result = locator.locate(frame);
        assertThat(result.found()).isTrue();
        Box box = ((HandResult.Found) result).box();
        boolean left = box.x() >= 40 && box.x() + box.w() <= 240;
        boolean right = box.x() >= 400 && box.x() + box.w() <= 600;
        assertThat(left ^ right).as("one hand's box, not a box spanning both: " + box).isTrue();
    }

    @Test
    void photosWithoutAHandAndBlankFramesAreNoHand() {
        int noHand = 0;
        try (HandLocator mediapipe = HandLocator.open(HandTestData.models(HandModels.Variant.FULL),
                new HandLocator.Settings(0.5, 0.5, 2, 1, false, 0.5, HandLocator.SecondRead.OFF, false))) {
            for (Path sample : HandTestData.imagenetSamples()) {
                // MediaPipe's thresholds: none of the eight
                HandResult strict = mediapipe.locate(HandTestData.read(sample));
                assertThat(strict.found()).as(sample.toString()).isFalse();
                assertThat(((HandResult.NoHand) strict).reason()).startsWith("No hand found: ").endsWith(".");
                noHand += locator.locate(HandTestData.read(sample)).found() ? 0 : 1;
            }
        }
        // the defaults look harder (detector 0.1, tiles) but the second read rejects what is not a hand
        assertThat(noHand).isEqualTo(8);
        for (Color color : List.of(Color.BLACK, Color.WHITE, Color.GRAY)) {
            assertThat(locator.locate(filled(640, 480, color)).found()).as(color.toString()).isFalse();
        }
    }

    @Test
    void degenerateFramesAreAnsweredWithoutAnException() {
        for (BufferedImage image : List.of(filled(1, 1, Color.PINK), filled(1, 10000, Color.ORANGE), filled(10000, 1, Color.BLACK),
                filled(3, 2, Color.WHITE), new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY))) {
            HandResult result = locator.locate(image);
            assertThat(result.found()).as(image.getWidth() + "x" + image.getHeight()).isFalse();
        }
    }

    private static BufferedImage filled(int w, int h, Color color) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
