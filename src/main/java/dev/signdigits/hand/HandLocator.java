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
 *       landmark model reads the hand there; the first with presence at or above
 *       {@link Settings#minPresence()} is the answer. With two hands in view that is the more
 *       confident detection's hand.</li>
 *   <li>Otherwise (typically a close-up: the hand fills the frame and the detector does not fire)
 *       the landmark model reads the whole frame, letterboxed onto black, and is accepted on the
 *       same presence threshold.</li>
 *   <li>Otherwise, when {@link Settings#tiles()} is on (small hands, fists: the detector misses
 *       them at the frame's scale), the detector runs on six overlapping squares of half the
 *       frame's longer side, and its detections are confirmed as in step 1. Only frames without a
 *       hand found so far pay for this (six more detector runs).</li>
 * </ol>
 *
 * <p>Any frame of at least 1x1 pixels is handled (a 1x10000 strip or a blank frame gives "no
 * hand"). Not thread-safe: it owns two TFLite interpreters; use one locator per thread.
 */
public final class HandLocator implements AutoCloseable {
    private final PalmDetector detector;
    private final LandmarkModel landmarks;
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
     */
    public record Settings(double minDetectorScore, double minPresence, int maxCandidates, int threads, boolean tiles,
                           double minTilePresence) {
        // tuned on the validation split and generic no-hand frames (docs/hand-locator.md); MediaPipe uses 0.5 and 0.5
        public static final Settings DEFAULT = new Settings(0.1, 0.3, 2, 1, true, 0.7);

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
        }

        public Settings withThreads(int n) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, n, tiles, minTilePresence);
        }

        public Settings withThresholds(double detector, double presence) {
            return new Settings(detector, presence, maxCandidates, threads, tiles, minTilePresence);
        }

        public Settings withTiles(boolean on) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, on, minTilePresence);
        }

        public Settings withTilePresence(double presence) {
            return new Settings(minDetectorScore, minPresence, maxCandidates, threads, tiles, presence);
        }
    }

    private HandLocator(HandModels.ModelPaths models, Settings settings) {
        this.settings = settings;
        this.detector = new PalmDetector(models.palmDetector(), settings.threads());
        try {
            this.landmarks = new LandmarkModel(models.landmarks(), settings.threads());
        } catch (RuntimeException e) {
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
        PalmDetector.Detections detections = detector.detect(frame, settings.minDetectorScore());
        double[] bestPresence = {0};
        HandResult.Found hand = confirm(frame, detections.palms(), settings.minPresence(), bestPresence);
        if (hand != null) {
            return hand;
        }
        RotatedRect whole = RotatedRect.letterbox(frame.width(), frame.height());
        LandmarkModel.Reading reading = landmarks.read(frame, whole, Border.ZERO);
        if (reading.presence() >= settings.minPresence()) {
            return found(frame, Double.NaN, whole, reading, HandPath.WHOLE_FRAME);
        }
        bestPresence[0] = Math.max(bestPresence[0], reading.presence());
        double bestScore = detections.bestScore();
        int palms = detections.palms().size();
        if (settings.tiles()) {
            List<PalmDetection> tiled = new ArrayList<>();
            for (RotatedRect tile : tiles(frame)) {
                PalmDetector.Detections inTile = detector.detect(frame, tile, settings.minDetectorScore());
                tiled.addAll(inTile.palms());
                bestScore = Math.max(bestScore, inTile.bestScore());
            }
            tiled.sort(Comparator.comparingDouble(PalmDetection::score).reversed());
            hand = confirm(frame, tiled, settings.minTilePresence(), bestPresence);
            if (hand != null) {
                return hand;
            }
            palms += tiled.size();
        }
        return new HandResult.NoHand(reason(palms, bestScore, bestPresence[0]), bestScore, bestPresence[0]);
    }

    /** The first of the (most confident) palms whose region the landmark model confirms, or null. */
    private HandResult.Found confirm(RgbFrame frame, List<PalmDetection> palms, double minPresence, double[] bestPresence) {
        for (int i = 0; i < Math.min(settings.maxCandidates(), palms.size()); i++) {
            PalmDetection palm = palms.get(i);
            RotatedRect region = HandRegions.fromPalm(palm);
            LandmarkModel.Reading reading = landmarks.read(frame, region, Border.REPLICATE);
            if (reading.presence() >= minPresence) {
                return found(frame, palm.score(), region, reading, HandPath.PALM_DETECTOR);
            }
            bestPresence[0] = Math.max(bestPresence[0], reading.presence());
        }
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
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Landmark l : reading.landmarks()) {
            minX = Math.min(minX, l.x());
            minY = Math.min(minY, l.y());
            maxX = Math.max(maxX, l.x());
            maxY = Math.max(maxY, l.y());
        }
        Box box = new Box(minX, minY, maxX - minX, maxY - minY).clip(frame.width(), frame.height());
        return new HandResult.Found(detectorScore, reading.presence(), region, box, reading.landmarks(),
                reading.handedness(), reading.handednessScore(), path);
    }

    @Override
    public void close() {
        landmarks.close();
        detector.close();
    }
}
