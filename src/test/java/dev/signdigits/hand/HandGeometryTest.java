package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anchors, decoding, NMS, letterbox and region arithmetic, without models. */
class HandGeometryTest {

    @Test
    void palmAnchorsAre2016CentresOnA24And12Grid() {
        double[] c = SsdAnchors.PALM.centres();
        assertThat(SsdAnchors.PALM.count()).isEqualTo(2016);
        // stride 8: 24x24 cells, 2 anchors each; first cell centre at 0.5/24
        assertThat(c[0]).isCloseTo(0.5 / 24, within(1e-12));
        assertThat(c[2]).isCloseTo(0.5 / 24, within(1e-12));
        assertThat(c[4]).isCloseTo(1.5 / 24, within(1e-12));
        // stride 16 (three layers): 12x12 cells, 6 anchors each, after the 1152 of the first map
        assertThat(c[2 * 1152]).isCloseTo(0.5 / 12, within(1e-12));
        assertThat(c[2 * 1152 + 2 * 6]).isCloseTo(1.5 / 12, within(1e-12));
        assertThat(c[2 * 2015]).isCloseTo(11.5 / 12, within(1e-12));
        assertThat(c[2 * 2015 + 1]).isCloseTo(11.5 / 12, within(1e-12));
    }

    @Test
    void decodingAddsOffsetsOverTheInputSizeToTheAnchorAndKeepsOnlyConfidentAnchors() {
        PalmDecoder decoder = new PalmDecoder(SsdAnchors.PALM);
        float[] raw = new float[2016 * 18];
        float[] logits = new float[2016];
        java.util.Arrays.fill(logits, -5);
        int k = 1200; // a stride-16 anchor
        logits[k] = 3;
        raw[k * 18] = 19.2f;       // +0.1 in x
        raw[k * 18 + 1] = -9.6f;   // -0.05 in y
        raw[k * 18 + 2] = 38.4f;   // w 0.2
        raw[k * 18 + 3] = 57.6f;   // h 0.3
        raw[k * 18 + 4] = 0;       // wrist at the anchor
        raw[k * 18 + 5] = 96;      // ... 0.5 below it
        logits[5] = 1e9f;          // clipped to 100, not NaN
        List<PalmDetection> found = decoder.decode(raw, logits, 0.5);
        assertThat(found).hasSize(2);
        PalmDetection d = found.stream().filter(p -> p.score() < 0.99).findFirst().orElseThrow();
        double[] anchor = {SsdAnchors.PALM.centres()[2 * k], SsdAnchors.PALM.centres()[2 * k + 1]};
        assertThat(d.score()).isCloseTo(1 / (1 + Math.exp(-3)), within(1e-9));
        assertThat(d.box().centerX()).isCloseTo(anchor[0] + 0.1, within(1e-6));
        assertThat(d.box().centerY()).isCloseTo(anchor[1] - 0.05, within(1e-6));
        assertThat(d.box().w()).isCloseTo(0.2, within(1e-6));
        assertThat(d.box().h()).isCloseTo(0.3, within(1e-6));
        assertThat(d.keypointY(0)).isCloseTo(anchor[1] + 0.5, within(1e-6));
        assertThat(decoder.bestScore(logits)).isEqualTo(1.0);
    }

    @Test
    void weightedNmsMergesOverlapsByScoreAndKeepsSeparateHands() {
        PalmDetection a = palm(0.9, new Box(0.10, 0.10, 0.20, 0.20));
        PalmDetection b = palm(0.6, new Box(0.12, 0.10, 0.20, 0.20)); // IoU about 0.82 with a
        PalmDetection c = palm(0.8, new Box(0.60, 0.60, 0.20, 0.20)); // elsewhere
        PalmDetection d = palm(0.7, new Box(0.25, 0.10, 0.20, 0.20)); // IoU 0.14 with a: kept
        List<PalmDetection> out = WeightedNms.apply(List.of(b, c, a, d), WeightedNms.PALM_THRESHOLD);
        assertThat(out).extracting(PalmDetection::score).containsExactly(0.9, 0.8, 0.7);
        // a and b merged: the leader's score, the score-weighted box
        assertThat(out.get(0).box().x()).isCloseTo((0.9 * 0.10 + 0.6 * 0.12) / 1.5, within(1e-12));
        assertThat(out.get(0).keypointX(0)).isCloseTo((0.9 * 0.20 + 0.6 * 0.22) / 1.5, within(1e-12));
        assertThat(out.get(1).box()).isEqualTo(c.box());
        assertThat(WeightedNms.apply(List.of(), 0.3)).isEmpty();
    }

    @Test
    void letterboxMapsSourcePixelsToTheSquareAndBack() {
        RotatedRect box = RotatedRect.letterbox(640, 480);
        // the 640x480 frame sits in a 640x640 square, 80 pixels of padding above and below
        assertThat(box.toUnit(0, 0)).containsExactly(new double[] {0, 80.0 / 640}, within(1e-12));
        assertThat(box.fromUnit(1, 1)).containsExactly(new double[] {640, 560}, within(1e-12));
        RotatedRect tall = RotatedRect.letterbox(1, 10000);
        for (double[] p : new double[][] {{0.3, 7000}, {1, 0}, {0.5, 5000}}) {
            double[] u = tall.toUnit(p[0], p[1]);
            assertThat(tall.fromUnit(u[0], u[1])).containsExactly(p, within(1e-9));
        }
        RotatedRect turned = new RotatedRect(50, 40, 30, 30, 0.7);
        double[] u = turned.toUnit(61, 33);
        assertThat(turned.fromUnit(u[0], u[1])).containsExactly(new double[] {61, 33}, within(1e-9));
    }

    @Test
    void theSamplerReproducesTheImageAtIdentityAndTurnsItWithTheRegion() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, (x * 60) << 16 | (y * 60) << 8 | 7);
            }
        }
        RgbFrame frame = RgbFrame.of(image);
        BufferedImage same = RegionSampler.toImage(frame, RotatedRect.letterbox(4, 4), 4, Border.ZERO);
        BufferedImage quarter = RegionSampler.toImage(frame, new RotatedRect(2, 2, 4, 4, Math.PI / 2), 4, Border.ZERO);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(same.getRGB(x, y) & 0xffffff).isEqualTo(image.getRGB(x, y) & 0xffffff);
                // turned a quarter clockwise: crop pixel (x, y) shows image pixel (3 - y, x)
                assertThat(quarter.getRGB(x, y) & 0xffffff).isEqualTo(image.getRGB(3 - y, x) & 0xffffff);
            }
        }
        float[] tensor = RegionSampler.toTensor(frame, new RotatedRect(2, 2, 400, 400, 0), 8, Border.ZERO);
        assertThat(tensor[0]).isZero(); // far outside: black
        float[] edge = RegionSampler.toTensor(frame, new RotatedRect(2, 2, 400, 400, 0), 8, Border.REPLICATE);
        assertThat(edge[2]).isEqualTo(7 / 255f); // the nearest edge pixel's blue
    }

    @Test
    void theHandRegionPointsTheFingersUpAndCoversTheHand() {
        // palm 40x50 centred at (100, 200); wrist below the middle-finger base: an upright hand
        PalmDetection upright = new PalmDetection(0.9, new Box(80, 175, 40, 50), keypoints(100, 220, 100, 180));
        RotatedRect r = HandRegions.fromPalm(upright);
        assertThat(r.rotation()).isCloseTo(0, within(1e-12));
        assertThat(r.centerY()).isCloseTo(200 - 25, within(1e-9)); // half a palm toward the fingers
        assertThat(r.width()).isCloseTo(2.6 * 50, within(1e-9));
        assertThat(r.height()).isEqualTo(r.width());
        // hand pointing right: the region turns a quarter clockwise and shifts right
        PalmDetection right = new PalmDetection(0.9, new Box(80, 175, 40, 50), keypoints(80, 200, 120, 200));
        RotatedRect rr = HandRegions.fromPalm(right);
        assertThat(rr.rotation()).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(rr.centerX()).isCloseTo(100 + 25, within(1e-9));
        assertThat(rr.toImage(0, -10)[0]).isGreaterThan(rr.centerX()); // the crop's "up" is the image's right
    }

    @Test
    void theCropIsASquareAroundTheLandmarksWithTheMarginAndOptionallyUpright() {
        List<Landmark> hand = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            hand.add(new Landmark(100 + i * 2, 300 - i * 5, 0)); // 40 wide, 100 tall
        }
        hand.set(Landmark.MIDDLE_FINGER_BASE, new Landmark(160, 300, 0)); // wrist (100,300) -> base to the right
        RotatedRect plain = new HandCrop(0.25, false).region(hand);
        assertThat(plain.rotation()).isZero();
        assertThat(plain.width()).isCloseTo(100 * 1.25, within(1e-9));
        assertThat(plain.centerY()).isCloseTo(250, within(1e-9));
        RotatedRect upright = new HandCrop(0.25, true).region(hand);
        assertThat(upright.rotation()).isCloseTo(Math.PI / 2, within(1e-9));
        assertThat(upright.width()).isEqualTo(upright.height());
        for (Landmark l : hand) {
            double[] u = upright.toUnit(l.x(), l.y());
            assertThat(u[0]).isBetween(0.0, 1.0);
            assertThat(u[1]).isBetween(0.0, 1.0);
        }
        BufferedImage crop = new HandCrop(0.25, true).crop(RgbFrame.of(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB)), hand, 64);
        assertThat(crop.getWidth()).isEqualTo(64);
        assertThat(crop.getHeight()).isEqualTo(64);
    }

    @Test
    void theRegionFromLandmarksTurnsWristToFingerBasesUpAndIsTwiceThePalm() {
        // an upright hand: wrist at (200, 300), finger bases 60 px above it, the palm joints 40 px wide
        List<Landmark> hand = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            hand.add(new Landmark(200, 260, 0));
        }
        hand.set(0, new Landmark(200, 300, 0));
        hand.set(5, new Landmark(180, 240, 0));
        hand.set(9, new Landmark(200, 240, 0));
        hand.set(13, new Landmark(220, 240, 0));
        hand.set(20, new Landmark(900, 900, 0)); // a fingertip: not used by the region
        RotatedRect r = HandRegions.fromLandmarks(hand);
        assertThat(r.rotation()).isCloseTo(0, within(1e-12));
        assertThat(r.width()).isCloseTo(2 * 60, within(1e-9)); // the longer side (60 tall) twice
        assertThat(r.height()).isEqualTo(r.width());
        assertThat(r.centerX()).isCloseTo(200, within(1e-9));
        assertThat(r.centerY()).isCloseTo(270 - 6, within(1e-9)); // a tenth of the height toward the fingers
        // the same hand turned a quarter clockwise (fingers pointing right): the region turns with it
        List<Landmark> turned = hand.stream().map(l -> new Landmark(200 + (300 - l.y()), 300 + (l.x() - 200), 0)).toList();
        RotatedRect t = HandRegions.fromLandmarks(turned);
        assertThat(t.rotation()).isCloseTo(Math.PI / 2, within(1e-9));
        assertThat(t.width()).isCloseTo(r.width(), within(1e-9));
        assertThat(t.centerX()).isCloseTo(200 + 36, within(1e-9));
    }

    @Test
    void theSecondReadIsRecordedWithTheModelAndOlderModelsRunWithoutIt() {
        HandFramingSpec auto = HandFramingSpec.parse("auto");
        java.util.Map<String, String> recorded = auto.toProperties(160);
        assertThat(HandFramingSpec.fromProperties(recorded, "m")).isEqualTo(auto);
        java.util.Map<String, String> older = new java.util.HashMap<>(recorded);
        older.keySet().removeAll(List.of(HandFramingSpec.SECOND_PRESENCE, HandFramingSpec.DIRECT_PRESENCE,
                HandFramingSpec.SURE_DETECTOR, HandFramingSpec.FINE_TILES, HandFramingSpec.MIN_HAND_PIXELS));
        assertThat(HandFramingSpec.fromProperties(older, "m").settings().check()).isEqualTo(HandLocator.SecondRead.OFF);
    }

    @Test
    void theTiledLookOrderIsRecordedAndOlderModelsSearchEverySquare() {
        java.util.Map<String, String> recorded = HandFramingSpec.parse("auto").toProperties(160);
        assertThat(recorded).containsEntry(HandFramingSpec.HOT_TILES_FIRST, "true");
        assertThat(HandFramingSpec.fromProperties(recorded, "m").settings().hotTilesFirst()).isTrue();
        java.util.Map<String, String> older = new java.util.HashMap<>(recorded);
        older.remove(HandFramingSpec.HOT_TILES_FIRST);
        assertThat(HandFramingSpec.fromProperties(older, "m").settings().hotTilesFirst()).isFalse();
    }

    @Test
    void theLandmarkRefinementIsRecordedAndOlderModelsReadWithoutIt() {
        java.util.Map<String, String> recorded = HandFramingSpec.parse("auto").toProperties(160);
        assertThat(recorded).containsEntry(HandFramingSpec.REFINE, "full-mirrored");
        assertThat(HandFramingSpec.fromProperties(recorded, "m").settings().refinement()).isEqualTo(Refinement.FULL_MIRRORED);
        java.util.Map<String, String> older = new java.util.HashMap<>(recorded);
        older.remove(HandFramingSpec.REFINE);
        assertThat(HandFramingSpec.fromProperties(older, "m").settings().refinement()).isEqualTo(Refinement.NONE);
        assertThat(HandFramingSpec.parse("auto").settings().withRefinement(Refinement.NONE).toString())
                .isNotEqualTo(HandFramingSpec.parse("auto").settings().toString());  // the hand cache keys on it
        recorded.put(HandFramingSpec.REFINE, "sideways");
        assertThatThrownBy(() -> HandFramingSpec.fromProperties(recorded, "m.tflite"))
                .hasMessageContaining("m.tflite").hasMessageContaining("sideways");
        HandFramingSpec fast = HandFramingSpec.parse("fast");
        assertThat(fast.variant()).isEqualTo(HandModels.Variant.LITE);
        assertThat(fast.settings()).isEqualTo(HandFramingSpec.parse("auto").settings().withRefinement(Refinement.NONE));
        assertThat(fast.toProperties(160)).doesNotContainKey(HandFramingSpec.REFINE);
        assertThatThrownBy(() -> HandFramingSpec.parse("fastest")).hasMessageContaining("'fastest'").hasMessageContaining("fast,");
        for (Refinement r : Refinement.values()) {
            assertThat(Refinement.parse(r.toString())).isEqualTo(r);
        }
    }

    @Test
    void tilesNearestTheFirstLooksBestGuessComeFirst() {
        List<RotatedRect> tiles = HandLocator.tiles(new RgbFrame(640, 480, new int[640 * 480]));
        List<RotatedRect> ordered = HandLocator.nearestFirst(tiles, new double[] {600, 470});
        assertThat(ordered).hasSameElementsAs(tiles);
        RotatedRect first = ordered.get(0);
        assertThat(first.centerX()).isEqualTo(480);  // the bottom-right square of the 3 x 2
        assertThat(first.centerY()).isEqualTo(320);
        assertThat(HandLocator.nearestFirst(tiles, new double[] {0, 0}).get(0)).isEqualTo(tiles.get(0));
    }

    private static PalmDetection palm(double score, Box box) {
        double[] k = new double[14];
        k[0] = box.x() + 0.1;
        k[1] = box.y();
        return new PalmDetection(score, box, k);
    }

    private static double[] keypoints(double wristX, double wristY, double middleX, double middleY) {
        double[] k = new double[14];
        k[0] = wristX;
        k[1] = wristY;
        k[4] = middleX;
        k[5] = middleY;
        return k;
    }
}
