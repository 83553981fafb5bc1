package dev.signdigits.hand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-max suppression: take the most confident detection left, gather every
 * remaining detection that overlaps it by more than the threshold (intersection over union), and
 * replace the group by one detection whose box and keypoints are the score-weighted mean of the
 * group and whose score is the leader's. The palm graph uses a threshold of 0.3.
 */
public final class WeightedNms {
    public static final double PALM_THRESHOLD = 0.3;

    private WeightedNms() {}

    /** Merged detections, most confident first. */
    public static List<PalmDetection> apply(List<PalmDetection> detections, double threshold) {
        List<PalmDetection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(PalmDetection::score).reversed());
        List<PalmDetection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            PalmDetection leader = remaining.get(0);
            List<PalmDetection> group = new ArrayList<>();
            List<PalmDetection> rest = new ArrayList<>();
            for (PalmDetection d : remaining) {
                (d == leader || leader.box().iou(d.box()) > threshold ? group : rest).add(d);
            }
            out.add(merge(leader, group));
            remaining = rest;
        }
        return out;
    }

    private static PalmDetection merge(PalmDetection leader, List<PalmDetection> group) {
        if (group.size() == 1) {
            return leader;
        }
        double total = 0;
        double x0 = 0;
        double y0 = 0;
        double x1 = 0;
        double y1 = 0;
        double[] keypoints = new double[2 * PalmDetection.KEYPOINTS];
        for (PalmDetection d : group) {
            double s = d.score();
            double[] k = d.keypoints();
            total += s;
            x0 += s * d.box().x();
            y0 += s * d.box().y();
            x1 += s * (d.box().x() + d.box().w());
            y1 += s * (d.box().y() + d.box().h());
            for (int i = 0; i < keypoints.length; i++) {
                keypoints[i] += s * k[i];
            }
        }
        for (int k = 0; k < keypoints.length; k++) {
            keypoints[k] /= total;
        }
        Box box = new Box(x0 / total, y0 / total, (x1 - x0) / total, (y1 - y0) / total);
        return new PalmDetection(leader.score(), box, keypoints);
    }
}
