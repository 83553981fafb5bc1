package dev.signdigits.hand;

import dev.signdigits.data.split.Split;
import dev.signdigits.hand.HandTestData.LabeledPhoto;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.shape.Combination;
import dev.signdigits.shape.HandShape;
import dev.signdigits.shape.ShapeNetwork;
import dev.signdigits.shape.ShapeTrainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test (docs/hand-locator.md, "Landmark refinement"): which reading of the 21 landmarks the
 * hand-shape network should learn from and read, measured on labelled photo folders (the stand-in
 * sets). For every photo with a hand: the locator's own reading (the model's recorded refinement,
 * none for models trained before it existed), a lite and a full read in the region the landmarks
 * themselves give (MediaPipe's tracking region), the full read mirrored, and means of those; a
 * shape network is trained per kind on the training split and scored alone and combined with the
 * image network at several weights. Prints the mean time of each read.
 *
 * <pre>
 * java -cp ... dev.signdigits.hand.LandmarkReadMeasure MODEL_DIR RUNTIME SET_DIR...
 * </pre>
 */
public final class LandmarkReadMeasure {
    private static final String[] KINDS = {"locator", "lite-mean", "full-refined", "full-mirrored", "full-mean", "full-mean3"};
    static final long[] NANOS = new long[4];
    private static final double[] WEIGHTS = {0, 0.25, 0.5, 1, 2, 1000};

    private LandmarkReadMeasure() {}

    record Reads(Map<String, float[]> features) {}

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        try (DigitClassifier classifier = DigitClassifiers.open(args[1], model);
             HandFraming framing = PhotoPredictor.framingOf(classifier);
             LandmarkModel lite = new LandmarkModel(HandTestData.models(HandModels.Variant.LITE).landmarks(), 1);
             LandmarkModel full = new LandmarkModel(HandTestData.models(HandModels.Variant.FULL).landmarks(), 1)) {
            List<String> labels = classifier.info().labels();
            Map<String, List<float[]>> train = new LinkedHashMap<>();
            List<Integer> trainY = new ArrayList<>();
            long t0 = System.nanoTime();
            for (LabeledPhoto p : HandTestData.split(Split.TRAIN)) {
                BufferedImage img = HandTestData.read(p.file());
                if (!(framing.locate(img) instanceof HandResult.Found found)) {
                    continue;
                }
                Reads r = reads(RgbFrame.of(img), found, lite, full);
                r.features().forEach((k, v) -> train.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                trainY.add(labels.indexOf(p.label()));
            }
            System.out.printf(Locale.ROOT, "read %d train hands in %.1f s; ms per read lite %.2f lite-mirror %.2f full %.2f full-mirror %.2f%n", trainY.size(), (System.nanoTime() - t0) / 1e9, NANOS[0] / 1e6 / trainY.size(), NANOS[1] / 1e6 / trainY.size(), NANOS[2] / 1e6 / trainY.size(), NANOS[3] / 1e6 / trainY.size());
            int[] y = trainY.stream().mapToInt(Integer::intValue).toArray();
            Map<String, ShapeNetwork> nets = new LinkedHashMap<>();
            for (String k : KINDS) {
                nets.put(k, ShapeTrainer.train(train.get(k), y, labels.size(), 42, ShapeTrainer.Settings.DEFAULT));
            }
            for (int a = 2; a < args.length; a++) {
                Path set = Path.of(args[a]);
                List<float[]> image = new ArrayList<>();
                Map<String, List<float[]>> shape = new LinkedHashMap<>();
                List<Integer> truth = new ArrayList<>();
                int photos = 0;
                for (Path f : labelledPhotos(set, labels)) {
                    String label = f.getParent().getFileName().toString();
                    photos++;
                    BufferedImage img = HandTestData.read(f);
                    HandResult located = framing.locate(img);
                    if (!(located instanceof HandResult.Found found)) {
                        continue;
                    }
                    FramedPhoto framed = framing.frame(img, located);
                    image.add(classifier.classify(List.of(framed.image())).get(0));
                    Reads r = reads(RgbFrame.of(img), found, lite, full);
                    for (String k : KINDS) {
                        shape.computeIfAbsent(k, x -> new ArrayList<>()).add(nets.get(k).probabilities(r.features().get(k)));
                    }
                    // the two readings' probabilities averaged
                    float[] pa = nets.get("locator").probabilities(r.features().get("locator"));
                    float[] pb = nets.get("full-mean").probabilities(r.features().get("full-mean"));
                    float[] avg = new float[pa.length];
                    for (int i = 0; i < avg.length; i++) {
                        avg[i] = (pa[i] + pb[i]) / 2;
                    }
                    shape.computeIfAbsent("locator+fullmean", x -> new ArrayList<>()).add(avg);
                    truth.add(labels.indexOf(label));
                }
                System.out.printf(Locale.ROOT, "%s: %d of %d photos with a hand%n", set.getFileName(), truth.size(), photos);
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "reading"));
                for (double w : WEIGHTS) {
                    head.append(String.format(Locale.ROOT, " %7s", w >= 1000 ? "shape" : "w=" + w));
                }
                System.out.println(head);
                for (var e : shape.entrySet()) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-14s", e.getKey()));
                    for (double w : WEIGHTS) {
                        row.append(String.format(Locale.ROOT, " %7.2f", 100 * accuracy(image, e.getValue(), truth, w)));
                    }
                    System.out.println(row);
                }
            }
        }
    }

    /** The photos of a folder-per-digit set, digit by digit, sorted. */
    private static List<Path> labelledPhotos(Path set, List<String> labels) throws IOException {
        try (Stream<Path> s = Files.walk(set, 2)) {
            return s.filter(Files::isRegularFile).filter(f -> labels.contains(f.getParent().getFileName().toString()))
                    .sorted().toList();
        }
    }

    static Reads reads(RgbFrame frame, HandResult.Found found, LandmarkModel lite, LandmarkModel full) {
        Map<String, float[]> f = new LinkedHashMap<>();
        Handedness hand = found.handedness();
        f.put("locator", HandShape.features(found.landmarks(), hand));
        RotatedRect region = HandRegions.fromLandmarks(found.landmarks());
        RotatedRect mirror = new RotatedRect(region.centerX(), region.centerY(), -region.width(), region.height(), region.rotation());
        long t0 = System.nanoTime();
        List<Landmark> la = lite.read(frame, region, Border.REPLICATE).landmarks();
        long t1 = System.nanoTime();
        List<Landmark> lb = lite.read(frame, mirror, Border.REPLICATE).landmarks();
        long t2 = System.nanoTime();
        List<Landmark> fa = full.read(frame, region, Border.REPLICATE).landmarks();
        long t3 = System.nanoTime();
        List<Landmark> fb = full.read(frame, mirror, Border.REPLICATE).landmarks();
        long t4 = System.nanoTime();
        NANOS[0] += t1 - t0;
        NANOS[1] += t2 - t1;
        NANOS[2] += t3 - t2;
        NANOS[3] += t4 - t3;
        f.put("lite-mean", HandShape.features(mean(la, lb), hand));
        f.put("full-refined", HandShape.features(fa, hand));
        f.put("full-mirrored", HandShape.features(fb, hand));
        f.put("full-mean", HandShape.features(mean(fa, fb), hand));
        f.put("full-mean3", HandShape.features(mean(mean(fa, fb), found.landmarks()), hand));
        return new Reads(f);
    }

    static List<Landmark> mean(List<Landmark> a, List<Landmark> b) {
        List<Landmark> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(new Landmark((a.get(i).x() + b.get(i).x()) / 2, (a.get(i).y() + b.get(i).y()) / 2,
                    (a.get(i).z() + b.get(i).z()) / 2));
        }
        return out;
    }

    private static double accuracy(List<float[]> image, List<float[]> shape, List<Integer> truth, double w) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            float[] p = w >= 1000 ? shape.get(i) : new Combination(null, w, 1).combine(image.get(i), shape.get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            right += best == truth.get(i) ? 1 : 0;
        }
        return truth.isEmpty() ? 0 : right / (double) truth.size();
    }
}
