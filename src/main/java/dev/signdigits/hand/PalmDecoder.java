package dev.signdigits.hand;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the palm detector's raw outputs into detections, as MediaPipe's
 * TensorsToDetectionsCalculator is configured for it: per anchor 18 values (box centre offset
 * x, y, then w, h, then 7 keypoint (x, y) offsets), each divided by the input size (192) and, for
 * fixed-size anchors, added to the anchor centre; the score is the sigmoid of the logit clipped
 * to +-100. Detections below {@code minScore} are dropped.
 */
public final class PalmDecoder {
    static final int VALUES_PER_ANCHOR = 4 + 2 * PalmDetection.KEYPOINTS;
    private static final double SCORE_CLIP = 100;

    private final double[] centres;
    private final double scale;

    public PalmDecoder(SsdAnchors anchors) {
        this.centres = anchors.centres();
        this.scale = anchors.inputSize();
    }

    public int anchors() {
        return centres.length / 2;
    }

    /** The highest score over all anchors (diagnostics: how close a frame came to a detection). */
    public double bestScore(float[] logits) {
        double best = 0;
        for (int i = 0; i < anchors(); i++) {
            best = Math.max(best, sigmoid(logits[i]));
        }
        return best;
    }

    public List<PalmDetection> decode(float[] raw, float[] logits, double minScore) {
        int n = checked(raw, logits);
        List<PalmDetection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double score = sigmoid(logits[i]);
            if (!(score >= minScore)) {
                continue;
            }
            out.add(detection(raw, i, score));
        }
        return out;
    }

    /** The best-scoring anchor's box centre (0..1 of the input), however low its score: where the detector came closest to a palm. */
    public double[] hotSpot(float[] raw, float[] logits) {
        int n = checked(raw, logits);
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        Box box = detection(raw, best, sigmoid(logits[best])).box();
        return new double[] {box.centerX(), box.centerY()};
    }

    private int checked(float[] raw, float[] logits) {
        int n = anchors();
        if (raw.length != n * VALUES_PER_ANCHOR || logits.length != n) {
            throw new IllegalArgumentException("expected " + n + " anchors of " + VALUES_PER_ANCHOR + " values and " + n
                    + " scores, got " + raw.length + " and " + logits.length);
        }
        return n;
    }

    private PalmDetection detection(float[] raw, int i, double score) {
        int o = i * VALUES_PER_ANCHOR;
        double ax = centres[2 * i];
        double ay = centres[2 * i + 1];
        double cx = raw[o] / scale + ax;
        double cy = raw[o + 1] / scale + ay;
        double w = raw[o + 2] / scale;
        double h = raw[o + 3] / scale;
        double[] keypoints = new double[2 * PalmDetection.KEYPOINTS];
        for (int k = 0; k < PalmDetection.KEYPOINTS; k++) {
            keypoints[2 * k] = raw[o + 4 + 2 * k] / scale + ax;
            keypoints[2 * k + 1] = raw[o + 5 + 2 * k] / scale + ay;
        }
        return new PalmDetection(score, new Box(cx - w / 2, cy - h / 2, w, h), keypoints);
    }

    static double sigmoid(double logit) {
        double clipped = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, logit));
        return 1 / (1 + Math.exp(-clipped));
    }
}
