package dev.signdigits.shape;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandResult;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: how the served answer's accuracy moves with the hand-shape weight, on labelled photo
 * folders (the stand-in sets), for the ablation in docs/performance.md. Reads each photo once
 * (image network probabilities and the hand-shape network's), then scores every weight.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) dev.signdigits.shape.CombinationMeasure \
 *     MODEL_DIR RUNTIME SET_DIR...
 * </pre>
 */
public final class CombinationMeasure {
    private static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 1000};

    private CombinationMeasure() {}

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        ImageDecoder decoder = new ImageDecoder();
        try (DigitClassifier classifier = DigitClassifiers.open(args[1], model);
             HandFraming framing = PhotoPredictor.framingOf(classifier)) {
            Combination c = PhotoPredictor.combinationOf(classifier);
            if (System.getenv("MEASURE_RETRAIN") != null) {
                c = new Combination(retrain(model.resolve("hands.csv"), labelsOf(classifier)), c.shapeWeight(), c.temperature());
            }
            System.out.printf(Locale.ROOT, "model %s: recorded weight %.2f, temperature %.3f%n", model, c.shapeWeight(),
                    c.temperature());
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s %6s %8s", "set", "hands", "shape"));
            for (double w : WEIGHTS) {
                head.append(String.format(Locale.ROOT, " %7s", w >= 1000 ? "shape" : "w=" + w));
            }
            System.out.println(head);
            List<String> labels = classifier.info().labels();
            for (int a = 2; a < args.length; a++) {
                Path set = Path.of(args[a]);
                List<float[]> image = new ArrayList<>();
                List<float[]> shape = new ArrayList<>();
                List<Integer> truth = new ArrayList<>();
                int photos = 0;
                for (String label : labels) {
                    Path dir = set.resolve(label);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    List<Path> files;
                    try (Stream<Path> s = Files.list(dir)) {
                        files = s.sorted().toList();
                    }
                    for (Path f : files) {
                        photos++;
                        FramedPhoto framed = framing.frame(decoder.decode(f).rgb());
                        if (!(framed.hand() instanceof HandResult.Found found) || !framed.readable()) {
                            continue;
                        }
                        java.awt.image.BufferedImage crop = framed.image();
                        String maskMode = System.getenv("MEASURE_MASK");
                        if (maskMode != null) {
                            dev.signdigits.hand.HandMask mask = framing.spec().crop().mask(found.landmarks(), crop.getWidth());
                            java.awt.image.BufferedImage fill = new java.awt.image.BufferedImage(crop.getWidth(), crop.getHeight(),
                                    java.awt.image.BufferedImage.TYPE_INT_RGB);
                            int rgb = maskMode.equals("gray") ? 0x808080 : outsideMean(crop, mask);
                            for (int y = 0; y < crop.getHeight(); y++) {
                                for (int x = 0; x < crop.getWidth(); x++) {
                                    fill.setRGB(x, y, rgb);
                                }
                            }
                            crop = mask.over(crop, fill);
                        }
                        image.add(classifier.classify(List.of(crop)).get(0));
                        shape.add(c.shape(found));
                        truth.add(labels.indexOf(label));
                        if (System.getenv("MEASURE_ERRORS") != null) {
                            float[] comb = Combination.combine(image.get(image.size() - 1), shape.get(shape.size() - 1), 0.5, 1);
                            int bi = argmax(image.get(image.size() - 1)), bs = argmax(shape.get(shape.size() - 1)), bc = argmax(comb);
                            int t = labels.indexOf(label);
                            if (bi != t || bs != t || bc != t) {
                                if (System.getenv("MEASURE_DUMP") != null) {
                                    Path d = Path.of(System.getenv("MEASURE_DUMP"));
                                    Files.createDirectories(d);
                                    javax.imageio.ImageIO.write(crop, "png", d.resolve(label + "-" + f.getFileName() + "-i" + bi + "-s" + bs + ".png").toFile());
                                }
                                System.out.printf(Locale.ROOT, "  %s/%s true %d image %d(%.2f) shape %d(%.2f) comb %d presence %.2f path %s%n",
                                        label, f.getFileName(), t, bi, image.get(image.size() - 1)[bi], bs,
                                        shape.get(shape.size() - 1)[bs], bc, found.presence(), found.path());
                            }
                        }
                    }
                }
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s %6s %8s", set.getFileName(),
                        image.size() + "/" + photos, pct(accuracy(shape, null, truth, 0))));
                for (double w : WEIGHTS) {
                    row.append(String.format(Locale.ROOT, " %7s", pct(accuracy(image, shape, truth, w))));
                }
                System.out.println(row);
            }
        }
    }

    private static double accuracy(List<float[]> image, List<float[]> shape, List<Integer> truth, double w) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            float[] p = shape == null ? image.get(i) : Combination.combine(image.get(i), shape.get(i), w, 1);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            right += best == truth.get(i) ? 1 : 0;
        }
        return truth.isEmpty() ? 0 : right / (double) truth.size();
    }

    private static List<String> labelsOf(DigitClassifier classifier) {
        return classifier.info().labels();
    }

    /** The shape network trained again from the run's hands.csv (train rows) with settings from MEASURE_RETRAIN. */
    private static ShapeNetwork retrain(Path handsCsv, List<String> labels) throws IOException {
        String[] v = System.getenv("MEASURE_RETRAIN").split(",");
        ShapeTrainer.Settings d = ShapeTrainer.Settings.DEFAULT;
        ShapeTrainer.Settings s = new ShapeTrainer.Settings(Integer.parseInt(v[0]), Integer.parseInt(v[1]),
                Integer.parseInt(v[2]), d.batchSize(), d.learningRate(), Double.parseDouble(v[3]),
                Double.parseDouble(v[4]), Double.parseDouble(v[5]), Double.parseDouble(v[6]));
        List<float[]> shapes = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (String line : Files.readAllLines(handsCsv).subList(1, Files.readAllLines(handsCsv).size())) {
            String[] f = line.split(",");
            if (!f[0].equals("train") || !f[2].equals("true")) {
                continue;
            }
            String[] xy = f[11].trim().split(" ");
            List<dev.signdigits.hand.Landmark> marks = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                marks.add(new dev.signdigits.hand.Landmark(Double.parseDouble(xy[2 * i]), Double.parseDouble(xy[2 * i + 1]), 0));
            }
            shapes.add(HandShape.features(marks, f[10].equals("left") ? dev.signdigits.hand.Handedness.LEFT
                    : dev.signdigits.hand.Handedness.RIGHT));
            y.add(labels.indexOf(f[1].substring(0, f[1].indexOf('/'))));
        }
        System.out.println("retrained on " + shapes.size() + " hands with " + s);
        return ShapeTrainer.train(shapes, y.stream().mapToInt(Integer::intValue).toArray(), labels.size(),
                v.length > 7 ? Long.parseLong(v[7]) : 42, s);
    }

    private static int outsideMean(java.awt.image.BufferedImage img, dev.signdigits.hand.HandMask mask) {
        double r = 0, g = 0, b = 0, n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double w = 1 - mask.at(x, y);
                int p = img.getRGB(x, y);
                r += w * ((p >> 16) & 0xff);
                g += w * ((p >> 8) & 0xff);
                b += w * (p & 0xff);
                n += w;
            }
        }
        return n == 0 ? 0x808080 : ((int) (r / n) << 16) | ((int) (g / n) << 8) | (int) (b / n);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v * 100);
    }
}
