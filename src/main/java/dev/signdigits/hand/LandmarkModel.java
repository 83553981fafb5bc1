package dev.signdigits.hand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand landmark model on one region of a frame: sample the region to 224x224 RGB in [0, 1],
 * run the model, and map its 21 landmarks (x, y in crop pixels, z scaled like MediaPipe: divided
 * by 224 and by 0.4) back to source pixels. Outputs, in order: landmarks [1,63], hand presence
 * [1,1] (a probability), handedness [1,1] (probability of "left" in a mirrored image), world
 * landmarks [1,63] (unused). Not thread-safe (one interpreter).
 */
final class LandmarkModel implements AutoCloseable {
    static final int INPUT = 224;
    private static final double Z_NORMALIZATION = 0.4;

    private final MultiOutputModel model;
    private final float[] input = new float[INPUT * INPUT * 3];  // reused: one to a dozen reads per locate

    /** The model's answer for one region. */
    record Reading(double presence, List<Landmark> landmarks, Handedness handedness, double handednessScore) {}

    LandmarkModel(Path file, int threads) {
        int values = 3 * Landmark.COUNT;
        model = new MultiOutputModel(file, new int[] {1, INPUT, INPUT, 3},
                new int[][] {{1, values}, {1, 1}, {1, 1}, {1, values}}, threads, HandModels.fixHint(file));
    }

    synchronized Reading read(RgbFrame frame, RotatedRect region, Border border) {
        RegionSampler.toTensor(frame, region, INPUT, border, input);
        float[][] out = model.run(input);
        List<Landmark> landmarks = new ArrayList<>(Landmark.COUNT);
        for (int i = 0; i < Landmark.COUNT; i++) {
            double[] p = region.fromUnit(out[0][3 * i] / INPUT, out[0][3 * i + 1] / INPUT);
            double z = out[0][3 * i + 2] / INPUT / Z_NORMALIZATION * region.width();
            landmarks.add(new Landmark(p[0], p[1], z));
        }
        double mirroredLeft = out[2][0];
        // the model's "left" in a mirrored image is the person's right hand in the photo as given
        Handedness handedness = mirroredLeft >= 0.5 ? Handedness.RIGHT : Handedness.LEFT;
        return new Reading(out[1][0], landmarks, handedness, Math.max(mirroredLeft, 1 - mirroredLeft));
    }

    @Override
    public void close() {
        model.close();
    }
}
