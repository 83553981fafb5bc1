package dev.signdigits.hand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The palm detector on a frame: letterbox the frame onto a black square, sample it to 192x192 RGB
 * in [0, 1], run the model, decode the 2016 anchors, merge overlaps (weighted NMS, IoU 0.3) and
 * map the detections back to source pixels. Not thread-safe (one interpreter).
 */
final class PalmDetector implements AutoCloseable {
    static final int INPUT = 192;

    private final MultiOutputModel model;
    private final PalmDecoder decoder = new PalmDecoder(SsdAnchors.PALM);
    private final float[] input = new float[INPUT * INPUT * 3];  // reused: a locate samples up to 16 squares

    /**
     * The detections, most confident first, in source pixels; the best anchor score of the frame,
     * and where that anchor's box is centred (source pixels), however low its score.
     */
    record Detections(List<PalmDetection> palms, double bestScore, double[] hotSpot) {}

    PalmDetector(Path file, int threads) {
        int anchors = SsdAnchors.PALM.count();
        model = new MultiOutputModel(file, new int[] {1, INPUT, INPUT, 3},
                new int[][] {{1, anchors, PalmDecoder.VALUES_PER_ANCHOR}, {1, anchors, 1}}, threads, HandModels.fixHint(file));
    }

    Detections detect(RgbFrame frame, double minScore) {
        return detect(frame, RotatedRect.letterbox(frame.width(), frame.height()), minScore);
    }

    /** Detections in one square part of the frame (black outside the frame), mapped to source pixels. */
    synchronized Detections detect(RgbFrame frame, RotatedRect letterbox, double minScore) {
        RegionSampler.toTensor(frame, letterbox, INPUT, Border.ZERO, input);
        float[][] out = model.run(input);
        List<PalmDetection> merged = WeightedNms.apply(decoder.decode(out[0], out[1], minScore), WeightedNms.PALM_THRESHOLD);
        List<PalmDetection> palms = new ArrayList<>(merged.size());
        for (PalmDetection d : merged) {
            palms.add(d.mapped(letterbox));
        }
        double[] hot = decoder.hotSpot(out[0], out[1]);
        return new Detections(palms, decoder.bestScore(out[1]), letterbox.fromUnit(hot[0], hot[1]));
    }

    @Override
    public void close() {
        model.close();
    }
}
