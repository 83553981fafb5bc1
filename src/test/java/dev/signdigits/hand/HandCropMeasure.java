package dev.signdigits.hand;

import dev.signdigits.data.split.Split;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Which crop policy serves the digit classifier best, measured with a linear probe: frozen
 * ImageNet MobileNet v1 embeddings (the project's base weights) of the crops of the training
 * photos, a softmax regression on them, accuracy on the crops of the test photos and of the
 * phone-like frames built from them (a hand not found counts as wrong). Also writes contact
 * sheets under target/. Run with {@code -Dsigndigits.measure=crop}.
 */
@Tag("measure")
@EnabledIfSystemProperty(named = "signdigits.measure", matches = "true|crop")
class HandCropMeasure {
    private static final Path EMBEDDER = HandTestData.SHARED.resolve("pretrained/mobilenet_v1_1.0_224_quant_embedding_extractor.tflite");

    @Test
    void measure() {
        List<HandTestData.LabeledPhoto> train = HandTestData.split(Split.TRAIN);
        List<HandTestData.LabeledPhoto> test = HandTestData.split(Split.TEST);
        List<StandIns.Frame> phone = StandIns.phoneLike(test, HandTestData.imagenetSamples(), HandLocatorMeasure.REPORT_SEED);
        List<BufferedImage> trainImages = train.stream().map(p -> HandTestData.read(p.file())).toList();
        List<BufferedImage> testImages = test.stream().map(p -> HandTestData.read(p.file())).toList();
        List<BufferedImage> phoneImages = phone.stream().map(StandIns.Frame::image).toList();
        List<HandResult> trainHands;
        List<HandResult> testHands;
        List<HandResult> phoneHands;
        try (HandLocator locator = HandLocator.open(HandTestData.models(HandModels.Variant.FULL), HandLocator.Settings.DEFAULT)) {
            trainHands = trainImages.stream().map(locator::locate).toList();
            testHands = testImages.stream().map(locator::locate).toList();
            phoneHands = phoneImages.stream().map(locator::locate).toList();
        }
        int[] trainY = train.stream().mapToInt(p -> Integer.parseInt(p.label())).toArray();
        int[] testY = test.stream().mapToInt(p -> Integer.parseInt(p.label())).toArray();
        sheets(testImages, testHands, phoneImages, phoneHands);
        List<HandCrop> policies = new ArrayList<>();
        policies.add(null); // the whole photo, as today
        for (double margin : new double[] {0.1, 0.25, 0.5}) {
            policies.add(new HandCrop(margin, false));
            policies.add(new HandCrop(margin, true));
        }
        System.out.println("\n== crop policy, linear probe on frozen MobileNet v1 embeddings (train crops -> test crops)");
        System.out.println("policy                      | test photos | phone-like (miss = wrong)");
        try (TfliteInterpreter embedder = TfliteInterpreter.open(EMBEDDER, 2)) {
            for (HandCrop policy : policies) {
                float[][] xTrain = embed(embedder, trainImages, trainHands, policy, true);
                float[][] xTest = embed(embedder, testImages, testHands, policy, true);
                float[][] xPhone = embed(embedder, phoneImages, phoneHands, policy, false);
                SoftmaxProbe probe = SoftmaxProbe.fit(xTrain, trainY, 10);
                System.out.printf(Locale.ROOT, "%-28s| %10.2f%% | %10.2f%%%n", policy == null ? "whole photo (no locator)" : policy.toString(),
                        100 * probe.accuracy(xTest, testY), 100 * probe.accuracy(xPhone, testY));
            }
        }
    }

    /** Embeddings of the crops; a frame without a hand gives the whole photo when {@code fallBack}, else null (a miss). */
    private static float[][] embed(TfliteInterpreter embedder, List<BufferedImage> images, List<HandResult> hands, HandCrop policy,
                                   boolean fallBack) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage input;
            if (policy == null) {
                input = StandIns.scaled(images.get(i), 224, 224);
            } else if (hands.get(i) instanceof HandResult.Found hand) {
                input = policy.crop(images.get(i), hand, 224);
            } else {
                input = fallBack ? StandIns.scaled(images.get(i), 224, 224) : null;
            }
            out[i] = input == null ? null : embedder.runQuantized(rgb(input));
        }
        return out;
    }

    private static byte[] rgb(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        byte[] rgb = new byte[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return rgb;
    }

    private static void sheets(List<BufferedImage> test, List<HandResult> testHands, List<BufferedImage> phone, List<HandResult> phoneHands) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < test.size() && tiles.size() < 40; i += Math.max(1, test.size() / 20)) {
            if (testHands.get(i) instanceof HandResult.Found hand) {
                tiles.add(HandSheets.annotate(test.get(i), hand, 112, "photo"));
                tiles.add(HandSheets.annotate(HandCrop.DEFAULT.crop(test.get(i), hand, 112), null, 112, "crop m0.25"));
                tiles.add(HandSheets.annotate(new HandCrop(0.25, true).crop(test.get(i), hand, 112), null, 112, "upright"));
                tiles.add(HandSheets.annotate(new HandCrop(0.1, false).crop(test.get(i), hand, 112), null, 112, "m0.1"));
            }
        }
        HandSheets.write(tiles, 8, Path.of("target", "hand-crops-test.png"));
        tiles.clear();
        for (int i = 0; i < phone.size() && tiles.size() < 40; i += Math.max(1, phone.size() / 20)) {
            if (phoneHands.get(i) instanceof HandResult.Found hand) {
                tiles.add(HandSheets.annotate(phone.get(i), hand, 112, "frame"));
                tiles.add(HandSheets.annotate(HandCrop.DEFAULT.crop(phone.get(i), hand, 112), null, 112, "crop m0.25"));
                tiles.add(HandSheets.annotate(new HandCrop(0.25, true).crop(phone.get(i), hand, 112), null, 112, "upright"));
                tiles.add(HandSheets.annotate(new HandCrop(0.1, false).crop(phone.get(i), hand, 112), null, 112, "m0.1"));
            }
        }
        HandSheets.write(tiles, 8, Path.of("target", "hand-crops-phone-like.png"));
    }

    /** Multinomial logistic regression on standardized features, full-batch gradient descent with L2. */
    record SoftmaxProbe(double[] mean, double[] std, double[][] w, int classes) {
        static SoftmaxProbe fit(float[][] x, int[] y, int classes) {
            int d = x[0].length;
            double[] mean = new double[d];
            double[] std = new double[d];
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j] / x.length;
                }
            }
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
                }
            }
            for (int j = 0; j < d; j++) {
                std[j] = Math.sqrt(std[j]) + 1e-6;
            }
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                z[i] = standardize(x[i], mean, std);
            }
            double[][] w = new double[classes][d + 1];
            double lr = 0.05;
            double l2 = 1e-3;
            for (int epoch = 0; epoch < 300; epoch++) {
                double[][] grad = new double[classes][d + 1];
                for (int i = 0; i < z.length; i++) {
                    double[] p = softmax(w, z[i]);
                    for (int c = 0; c < classes; c++) {
                        double g = (p[c] - (c == y[i] ? 1 : 0)) / z.length;
                        for (int j = 0; j < d; j++) {
                            grad[c][j] += g * z[i][j];
                        }
                        grad[c][d] += g;
                    }
                }
                for (int c = 0; c < classes; c++) {
                    for (int j = 0; j <= d; j++) {
                        w[c][j] -= lr * (grad[c][j] + (j < d ? l2 * w[c][j] : 0));
                    }
                }
            }
            return new SoftmaxProbe(mean, std, w, classes);
        }

        double accuracy(float[][] x, int[] y) {
            int right = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] == null) {
                    continue;
                }
                double[] p = softmax(w, standardize(x[i], mean, std));
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    best = p[c] > p[best] ? c : best;
                }
                right += best == y[i] ? 1 : 0;
            }
            return right / (double) x.length;
        }

        private static double[] standardize(float[] row, double[] mean, double[] std) {
            double[] z = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                z[j] = (row[j] - mean[j]) / std[j];
            }
            return z;
        }

        private static double[] softmax(double[][] w, double[] z) {
            double[] logits = new double[w.length];
            double max = -Double.MAX_VALUE;
            for (int c = 0; c < w.length; c++) {
                double s = w[c][z.length];
                for (int j = 0; j < z.length; j++) {
                    s += w[c][j] * z[j];
                }
                logits[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < w.length; c++) {
                logits[c] = Math.exp(logits[c] - max);
                sum += logits[c];
            }
            for (int c = 0; c < w.length; c++) {
                logits[c] /= sum;
            }
            return logits;
        }
    }
}
