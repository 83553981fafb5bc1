package dev.signdigits.hand;

import java.util.ArrayList;
import java.util.List;

/**
 * The anchor centres of an SSD detector with fixed-size anchors (all anchors 1x1 in unit
 * coordinates, so only their centres matter). Consecutive layers with the same stride share one
 * feature map, and every layer contributes two anchors per cell (its own scale and the
 * interpolated one), as MediaPipe's SsdAnchorsCalculator does with one aspect ratio.
 *
 * @param inputSize the square input side in pixels
 * @param strides   one per layer
 * @param offset    where in a cell the anchor centre sits (0.5: the middle)
 */
public record SsdAnchors(int inputSize, int[] strides, double offset) {
    /** palm_detection_full and _lite: 192x192, strides 8, 16, 16, 16, offset 0.5 -> 2016 anchors. */
    public static final SsdAnchors PALM = new SsdAnchors(192, new int[] {8, 16, 16, 16}, 0.5);

    public SsdAnchors {
        strides = strides.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    /** Interleaved (x, y) centres in 0..1, in the model's output order (map, row, column, anchor). */
    public double[] centres() {
        List<double[]> out = new ArrayList<>();
        int layer = 0;
        while (layer < strides.length) {
            int stride = strides[layer];
            int perCell = 0;
            while (layer < strides.length && strides[layer] == stride) {
                perCell += 2;
                layer++;
            }
            int cells = (int) Math.ceil((double) inputSize / stride);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        out.add(new double[] {(x + offset) / cells, (y + offset) / cells});
                    }
                }
            }
        }
        double[] centres = new double[2 * out.size()];
        for (int i = 0; i < out.size(); i++) {
            centres[2 * i] = out.get(i)[0];
            centres[2 * i + 1] = out.get(i)[1];
        }
        return centres;
    }

    public int count() {
        return centres().length / 2;
    }
}
