package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds one hand in a decoded RGB frame, or says there is none.
 *
 * <ol>
 *   <li>The palm detector runs on the frame letterboxed to a square. Each detection above
 *       {@link Settings#minDetectorScore()}, most confident first and at most
 *       {@link Settings#maxCandidates()} of them, becomes MediaPipe's rotated hand region, and the
 *       landmark model reads the hand there. A read at or above {@link Settings#minPresence()} is
 *       checked by a second read in the region its own landmarks give ({@link SecondRead}); the
 *       first hand that passes is the answer. With two hands in view that is the more confident
 *       detection's hand.</li>
 *   <li>Otherwise (typically a close-up: the hand fills the frame and the detector does not fire)
 *       the landmark model reads the whole frame, letterboxed onto black, checked the same way.</li>
 *   <li>Otherwise, when {@link Settings#tiles()} is on (small hands, fists: the detector misses
 *       them at the frame's scale), the detector runs on six overlapping squares of half the
 *       frame's longer side, and its detections are confirmed as in step 1; then, if still nothing,
 *       on nine squares of a third. A first-look hand from a weak palm detection
 *       ({@link SecondRead#sureDetector()}) also gets the tiled look, and the more convincing of the
 *       two hands is the answer. Frames with a clear hand never pay for the tiles.</li>
 *   <li>A found hand's landmarks are read again as {@link Settings#refinement()} says (by default
 *       the full landmark model in the hand's tracking region and in that region mirrored, the mean
 *       kept: {@link Refinement}); whether there is a hand is decided before, and not changed.</li>
 * </ol>
 *
 * <p>Any frame of at least 1x1 pixels is handled (a 1x10000 strip or a blank frame gives "no
 * hand"). Not thread-safe: it owns two or three TFLite interpreters; use one locator per thread.
 */
public final class HandLocator implements AutoCloseable {
    private final PalmDetector detector;
    private final LandmarkModel landmarks;
    private final LandmarkModel refiner;  // the full landmark model, null without refinement
    private final Settings settings;

    /**
     * Thresholds and search width.
     *
     * @param minDetectorScore palm detections below this score are ignored (MediaPipe: 0.5)
     * @param minPresence      a hand is accepted when the landmark model's presence reaches this (MediaPipe: 0.5)
     * @param maxCandidates    how many palm detections to try before the whole-frame read
     * @param threads          CPU threads per interpreter
     * @param tiles            when neither path finds a hand, run the detector again on six overlapping
     *                         half-size squares of the frame (small hands: twice the resolution)
     * @param minTilePresence  the presence a hand found by the tiled second look needs (more looks,
     *                         more chances of a false hand: it may need more than the first look)
     * @param check            the second read that confirms a hand (off: the first read decides)
     * @param hotTilesFirst    visit the squares of a tiled look nearest the first look's best anchor
     *                         first, and end the look at the first square whose most confident palm is
     *                         sure ({@link SecondRead#sureDetector()}) and confirmed: a small hand the
     *                         first look nearly saw costs one or two squares instead of all of them
     *                         (off: every square is searched and the most confident palms confirmed)
     * @param refinement       how the landmarks of a found hand are read again before they are answered
     */
    public record Settings(double minDetectorScore, double minPresence, int maxCandidates, int threads, boolean tiles,
                           double minTilePresence, SecondRead check, boolean hotTilesFirst, Refinement refinement) {
        // tuned on the validation split and generic no-hand frames (docs/hand-locator.md); MediaPipe uses 0.5 and 0.5
        public static final Settings DEFAULT = new Settings(0.1, 0.3, 3, 1, true, 0.5, SecondRead.DEFAULT, true,
                Refinement.FULL_MIRRORED);
        /** The settings before the second read existed (models trained then record no second-read keys). */
        public static final Settings FIRST_READ_ONLY = new Settings(0.1, 0.3, 2, 1, true, 0.7, SecondRead.OFF, false);

        public Settings {
            if (!(minDetectorScore >= 0 && minDetectorScore <= 1 && minPresence >= 0 && minPresence <= 1)) {
                throw new IllegalArgumentException("thresholds must lie in [0, 1]");
            }
            if (!(minTilePresence >= 0 && minTilePresence <= 1)) {
                throw new IllegalArgumentException("thresholds must lie in [0, 1]");
            }
            if (maxCandidates < 0 || threads < 1) {
                throw new IllegalArgumentException("maxCandidates must be >= 0 and threads >= 1");
            }
            if (check == null || refinement == null) {
                throw new IllegalArgumentException("check and refinement must not be null (use SecondRead.OFF, Refinement.NONE)");
            }
        }

        /** Without refinement: the settings before it existed. */
        public Settings(double minDetectorScore, double minPresence, int maxCandidates, int threads, boolean tiles,
                        double minTilePresence, SecondRead check, boolean hotTilesFirst) {
            this(minDetectorScore, minPresence, maxCandidates, threads, tiles, minTilePresence, check, hotTilesFirst,
                    Refinement.NONE);
        }

        public Settings withRefinement(Refinement r) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, tiles, minTilePresence, check,
                    hotTilesFirst, r);
        }

        public Settings withThreads(int n) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, n, tiles, minTilePresence, check, hotTilesFirst, refinement);
        }

        public Settings withThresholds(double detector, double presence) {
            return new Settings(detector, presence, maxCandidates, threads, tiles, minTilePresence, check, hotTilesFirst, refinement);
        }

        public Settings withTiles(boolean on) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, on, minTilePresence, check, hotTilesFirst, refinement);
        }

        public Settings withTilePresence(double presence) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, tiles, presence, check, hotTilesFirst, refinement);
        }

        public Settings withCheck(SecondRead secondRead) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, tiles, minTilePresence, secondRead,
                    hotTilesFirst, refinement);
        }

        public Settings withHotTilesFirst(boolean on) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, tiles, minTilePresence, check, on, refinement);
        }
    }

    /**
     * The second read: the landmark model reads the hand again in the region its own landmarks give
     * (MediaPipe's tracking region, {@link HandRegions#fromLandmarks}). A real hand stays a hand
     * there (presence near 1) and its landmarks come out better centred; a texture that looked like
     * a hand once rarely does twice, which is what keeps backgrounds from being answered as hands.
     *
     * @param minPresence  the second read's presence a hand needs; 0 turns the second read off
     * @param direct       a first read at or above this presence is accepted without a second read
     *                     (saves a landmark run on clear hands); above 1: always read twice
     * @param sureDetector a first-look hand whose palm detection scored below this is not final: the
     *                     tiled look runs too and the more convincing hand (detector score times
     *                     presence) wins, since a weak first-look hand is often background while
     *                     the small real hand shows up at twice the resolution; 0: first look final
     * @param fineTiles    when every look so far found nothing, look once more on nine squares of a
     *                     third of the frame's longer side (three times the resolution: small fists)
     * @param minHandPixels a hand whose landmark box is shorter than this on its longer side (source
     *                     pixels) is not taken: there is nothing in it for the digit model to read, and
     *                     such "hands" were blobs in close-ups (a 10 px hand in a 100 px photo)
     */
    public record SecondRead(double minPresence, double direct, double sureDetector, boolean fineTiles,
                             double minHandPixels) {
        public static final SecondRead DEFAULT = new SecondRead(0.9, 0.99, 0.5, true, 24);
        public static final SecondRead OFF = new SecondRead(0, 2, 0, false, 0);

        public SecondRead {
            if (!(minHandPixels >= 0)) {
                throw new IllegalArgumentException("minHandPixels must be >= 0");
            }
            if (!(minPresence >= 0 && minPresence <= 1 && direct >= 0 && sureDetector >= 0 && sureDetector <= 1)) {
                throw new IllegalArgumentException("second-read thresholds must lie in [0, 1] (direct: >= 0)");
            }
        }

        boolean on() {
            return minPresence > 0;
        }
    }

    private HandLocator(HandModels.ModelPaths models, Settings settings) {
        this.settings = settings;
        this.detector = new PalmDetector(models.palmDetector(), settings.threads());
        LandmarkModel read = null;
        try {
            read = new LandmarkModel(models.landmarks(), settings.threads());
            this.landmarks = read;
            this.refiner = settings.refinement() == Refinement.NONE ? null
                    : models.refiner().equals(models.landmarks()) ? read
                    : new LandmarkModel(models.refiner(), settings.threads());
        } catch (RuntimeException e) {
            if (read != null) {
                read.close();
            }
            detector.close();
            throw e;
        }
    }

    /** Loads both models; a file the runtime cannot use is a SignDigitsException (exit code 3) naming it. */
    public static HandLocator open(HandModels.ModelPaths models, Settings settings) {
        return new HandLocator(models, settings);
    }

    public Settings settings() {
        return settings;
    }

    public HandResult locate(BufferedImage image) {
        return locate(RgbFrame.of(image));
    }

    public HandResult locate(RgbFrame frame) {
        HandResult result = search(frame);
        return result instanceof HandResult.Found hand && refiner != null ? refined(frame, hand) : result;
    }

    /**
     * The hand's landmarks read again by the full model ({@link Refinement}); whether there is a hand,
     * its presence, detector score and handedness stay those of the search.
     */
    private HandResult.Found refined(RgbFrame frame, HandResult.Found hand) {
        RotatedRect region = HandRegions.fromLandmarks(hand.landmarks());
        List<Landmark> read = refiner.read(frame, region, Border.REPLICATE).landmarks();
        if (settings.refinement() == Refinement.FULL_MIRRORED) {
            // a negative width samples the region mirrored; the reading comes back in source pixels
            RotatedRect mirrored = new RotatedRect(region.centerX(), region.centerY(), -region.width(), region.height(),
                    region.rotation());
            List<Landmark> other = refiner.read(frame, mirrored, Border.REPLICATE).landmarks();
            List<Landmark> mean = new ArrayList<>(Landmark.COUNT);
            for (int i = 0; i < Landmark.COUNT; i++) {
                Landmark a = read.get(i);
                Landmark b = other.get(i);
                mean.add(new Landmark((a.x() + b.x()) / 2, (a.y() + b.y()) / 2, (a.z() + b.z()) / 2));
            }
            read = mean;
        }
        return new HandResult.Found(hand.detectorScore(), hand.presence(), region, boxOf(frame, read), read,
                hand.handedness(), hand.handednessScore(), hand.path());
    }

    private HandResult search(RgbFrame frame) {
        SecondRead check = settings.check();
        PalmDetector.Detections detections = detector.detect(frame, settings.minDetectorScore());
        double[] bestPresence = {0};
        HandResult.Found hand = confirm(frame, detections.palms(), settings.minPresence(), bestPresence);
        if (hand != null && hand.detectorScore() >= check.sureDetector()) {
            return hand;
        }
        if (hand == null) {
            RotatedRect whole = RotatedRect.letterbox(frame.width(), frame.height());
            LandmarkModel.Reading reading = landmarks.read(frame, whole, Border.ZERO);
            if (reading.presence() >= settings.minPresence()) {
                HandResult.Found closeUp = checked(frame, Double.NaN, whole, reading, HandPath.WHOLE_FRAME, bestPresence);
                if (closeUp != null) {
                    return closeUp;
                }
            }
            bestPresence[0] = Math.max(bestPresence[0], reading.presence());
        }
        double bestScore = detections.bestScore();
        int palms = detections.palms().size();
        if (settings.tiles()) {
            TiledLook tiled = tiledLook(frame, tiles(frame), detections.hotSpot(), bestPresence);
            HandResult.Found second = tiled.hand();
            palms += tiled.palms();
            bestScore = Math.max(bestScore, tiled.bestScore());
            if (hand == null && second == null && check.fineTiles()) {
                TiledLook fine = tiledLook(frame, fineTiles(frame), detections.hotSpot(), bestPresence);
                second = fine.hand();
                palms += fine.palms();
                bestScore = Math.max(bestScore, fine.bestScore());
            }
            if (hand == null || (second != null && convincing(second) > convincing(hand))) {
                hand = second;
            }
        }
        return hand != null ? hand : new HandResult.NoHand(reason(palms, bestScore, bestPresence[0]), bestScore, bestPresence[0]);
    }

    /** The hand, or null when it is too small to read ({@link SecondRead#minHandPixels()}). */
    private HandResult.Found readable(HandResult.Found hand) {
        return Math.max(hand.box().w(), hand.box().h()) >= settings.check().minHandPixels() ? hand : null;
    }

    private static double convincing(HandResult.Found hand) {
        return hand.detectorScore() * hand.presence();
    }

    /** What a tiled look found: the hand or null, how many palms it saw, and the best palm score. */
    private record TiledLook(HandResult.Found hand, int palms, double bestScore) {}

    /**
     * The detector on each square, then the most confident palms of all squares together confirmed.
     * With {@link Settings#hotTilesFirst()} the squares nearest {@code hotSpot} go first, and a square
     * whose most confident palm is sure and confirmed ends the look early.
     */
    private TiledLook tiledLook(RgbFrame frame, List<RotatedRect> squares, double[] hotSpot, double[] bestPresence) {
        boolean early = settings.hotTilesFirst();
        List<RotatedRect> order = early ? nearestFirst(squares, hotSpot) : squares;
        List<PalmDetection> found = new ArrayList<>();
        List<PalmDetection> tried = new ArrayList<>();
        double best = 0;
        for (RotatedRect square : order) {
            List<PalmDetection> palms = detector.detect(frame, square, settings.minDetectorScore()).palms();
            found.addAll(palms);
            best = Math.max(best, palms.isEmpty() ? 0 : palms.get(0).score());
            if (early && !palms.isEmpty() && palms.get(0).score() >= Math.max(settings.check().sureDetector(), settings.minDetectorScore())) {
                HandResult.Found hand = confirm(frame, palms.subList(0, 1), settings.minTilePresence(), bestPresence);
                if (hand != null) {
                    return new TiledLook(hand, found.size(), best);
                }
                tried.add(palms.get(0));
            }
        }
        found.sort(Comparator.comparingDouble(PalmDetection::score).reversed());
        found.removeAll(tried);  // read once already, and not a hand
        return new TiledLook(confirm(frame, found, settings.minTilePresence(), bestPresence), found.size() + tried.size(), best);
    }

    /** The squares by the distance of their centres from {@code point}, nearest first (ties keep their order). */
    static List<RotatedRect> nearestFirst(List<RotatedRect> squares, double[] point) {
        List<RotatedRect> sorted = new ArrayList<>(squares);
        sorted.sort(Comparator.comparingDouble(r -> Math.hypot(r.centerX() - point[0], r.centerY() - point[1])));
        return sorted;
    }

    /** The first of the (most confident) palms whose region the landmark model confirms, or null. */
    private HandResult.Found confirm(RgbFrame frame, List<PalmDetection> palms, double minPresence, double[] bestPresence) {
        for (int i = 0; i < Math.min(settings.maxCandidates(), palms.size()); i++) {
            PalmDetection palm = palms.get(i);
            RotatedRect region = HandRegions.fromPalm(palm);
            LandmarkModel.Reading reading = landmarks.read(frame, region, Border.REPLICATE);
            if (reading.presence() >= minPresence) {
                HandResult.Found hand = checked(frame, palm.score(), region, reading, HandPath.PALM_DETECTOR, bestPresence);
                if (hand != null) {
                    return hand;
                }
            } else {
                bestPresence[0] = Math.max(bestPresence[0], reading.presence());
            }
        }
        return null;
    }

    /** The hand a first read found, after the second read when that is on; null when the second read rejects it. */
    private HandResult.Found checked(RgbFrame frame, double detectorScore, RotatedRect region, LandmarkModel.Reading first,
                                     HandPath path, double[] bestPresence) {
        SecondRead check = settings.check();
        if (!check.on() || first.presence() >= check.direct()) {
            return readable(found(frame, detectorScore, region, first, path));
        }
        RotatedRect again = HandRegions.fromLandmarks(first.landmarks());
        LandmarkModel.Reading second = landmarks.read(frame, again, Border.REPLICATE);
        if (second.presence() >= check.minPresence()) {
            return readable(found(frame, detectorScore, again, second, path));
        }
        bestPresence[0] = Math.max(bestPresence[0], Math.min(first.presence(), second.presence()));
        return null;
    }

    /** Six overlapping squares of half the frame's longer side (3 x 2 on a landscape frame), inside the frame where possible. */
    static List<RotatedRect> tiles(RgbFrame frame) {
        double side = Math.max(frame.width(), frame.height()) / 2.0;
        int across = frame.width() >= frame.height() ? 3 : 2;
        int down = frame.width() >= frame.height() ? 2 : 3;
        List<RotatedRect> tiles = new ArrayList<>();
        for (int j = 0; j < down; j++) {
            for (int i = 0; i < across; i++) {
                double cx = side / 2 + (across == 1 ? 0 : i * Math.max(0, frame.width() - side) / (across - 1));
                double cy = side / 2 + (down == 1 ? 0 : j * Math.max(0, frame.height() - side) / (down - 1));
                tiles.add(new RotatedRect(cx, cy, side, side, 0));
            }
        }
        return tiles;
    }

    /** Nine overlapping squares of a third of the frame's longer side (3 x 3), inside the frame where possible. */
    static List<RotatedRect> fineTiles(RgbFrame frame) {
        double side = Math.max(frame.width(), frame.height()) / 3.0;
        List<RotatedRect> tiles = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                double cx = side / 2 + i * Math.max(0, frame.width() - side) / 2;
                double cy = side / 2 + j * Math.max(0, frame.height() - side) / 2;
                tiles.add(new RotatedRect(cx, cy, side, side, 0));
            }
        }
        return tiles;
    }

    /**
     * Every score the decision could use, for tuning thresholds offline: the palm detections at or
     * above {@code detectorFloor} (at most {@code maxCandidates}, most confident first) with the
     * presence the landmark model gave in each one's region, and the whole-frame presence.
     */
    Trace trace(RgbFrame frame, double detectorFloor, int maxCandidates) {
        List<PalmDetection> palms = detector.detect(frame, detectorFloor).palms();  // full frame only, no tiles
        int n = Math.min(maxCandidates, palms.size());
        double[] scores = new double[n];
        double[] presences = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = palms.get(i).score();
            presences[i] = landmarks.read(frame, HandRegions.fromPalm(palms.get(i)), Border.REPLICATE).presence();
        }
        double whole = landmarks.read(frame, RotatedRect.letterbox(frame.width(), frame.height()), Border.ZERO).presence();
        return new Trace(scores, presences, whole);
    }

    /** See {@link #trace}. */
    record Trace(double[] detectorScores, double[] presences, double wholeFramePresence) {
        /** Whether {@link #locate} with these thresholds would answer "hand". */
        boolean found(double minDetectorScore, double minPresence, int maxCandidates) {
            return byDetector(minDetectorScore, minPresence, maxCandidates) || wholeFramePresence >= minPresence;
        }

        /** Whether the answer would come from a palm detection (else the whole frame or none). */
        boolean byDetector(double minDetectorScore, double minPresence, int maxCandidates) {
            int tried = 0;
            for (int i = 0; i < detectorScores.length && tried < maxCandidates; i++) {
                if (detectorScores[i] >= minDetectorScore) {
                    tried++;
                    if (presences[i] >= minPresence) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private String reason(int palms, double bestScore, double bestPresence) {
        String detector = palms == 0
                ? String.format(Locale.ROOT, "the palm detector found no hand (best score %.2f, needs %.2f)",
                        bestScore, settings.minDetectorScore())
                : "the palm detector's candidates were not confirmed";
        return String.format(Locale.ROOT, "No hand found: %s and the landmark model's hand presence was at most %.2f (needs %.2f).",
                detector, bestPresence, settings.minPresence());
    }

    private static HandResult.Found found(RgbFrame frame, double detectorScore, RotatedRect region,
                                          LandmarkModel.Reading reading, HandPath path) {
        return new HandResult.Found(detectorScore, reading.presence(), region, boxOf(frame, reading.landmarks()),
                reading.landmarks(), reading.handedness(), reading.handednessScore(), path);
    }

    private static Box boxOf(RgbFrame frame, List<Landmark> landmarks) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Landmark l : landmarks) {
            minX = Math.min(minX, l.x());
            minY = Math.min(minY, l.y());
            maxX = Math.max(maxX, l.x());
            maxY = Math.max(maxY, l.y());
        }
        return new Box(minX, minY, maxX - minX, maxY - minY).clip(frame.width(), frame.height());
    }

    @Override
    public void close() {
        if (refiner != null && refiner != landmarks) {
            refiner.close();
        }
        landmarks.close();
        detector.close();
    }
}
