package dev.signdigits.web;

import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.runtime.TensorClassifier;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic stand-in for the real model: nearest exemplar on 16x16 downscaled pixels, over a
 * few real photos per digit. It gets a photo right when it saw that very photo (distance zero), and
 * derives every probability from the image itself. Refuses to work after close(), so a test that
 * uses a model after it was swapped out and drained fails loudly.
 */
final class ExemplarClassifier implements DigitClassifier, TensorClassifier {
    static final int SIDE = 16;
    static final int INPUT_SIZE = 32;
    private static final double TEMPERATURE = 1.5;

    /** One labelled example, as a feature vector. */
    record Exemplar(int digit, float[] features) {}

    private final ModelInfo info;
    private final List<Exemplar> exemplars;
    private final AtomicBoolean closed = new AtomicBoolean();

    ExemplarClassifier(String id, List<Exemplar> exemplars, Map<String, String> properties) {
        this.info = new ModelInfo(id, "test-exemplar", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                INPUT_SIZE, properties);
        this.exemplars = List.copyOf(exemplars);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<float[]> classify(List<BufferedImage> images) {
        checkOpen();
        List<float[]> out = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            out.add(probabilities(features(image)));
        }
        return out;
    }

    @Override
    public List<float[]> classifyTensor(float[] nchw, int n) {
        checkOpen();
        int plane = INPUT_SIZE * INPUT_SIZE;
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(INPUT_SIZE, INPUT_SIZE, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < INPUT_SIZE; y++) {
                for (int x = 0; x < INPUT_SIZE; x++) {
                    int base = i * 3 * plane + y * INPUT_SIZE + x;
                    int r = channel(nchw[base]);
                    int g = channel(nchw[base + plane]);
                    int b = channel(nchw[base + 2 * plane]);
                    image.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            out.add(probabilities(features(image)));
        }
        return out;
    }

    /** The tensor form of an image as this classifier expects it: NCHW, values 0..1. */
    static float[] tensorOf(BufferedImage image) {
        BufferedImage small = resize(image, INPUT_SIZE);
        int plane = INPUT_SIZE * INPUT_SIZE;
        float[] out = new float[3 * plane];
        for (int y = 0; y < INPUT_SIZE; y++) {
            for (int x = 0; x < INPUT_SIZE; x++) {
                int rgb = small.getRGB(x, y);
                out[y * INPUT_SIZE + x] = (rgb >> 16 & 0xFF) / 255f;
                out[plane + y * INPUT_SIZE + x] = (rgb >> 8 & 0xFF) / 255f;
                out[2 * plane + y * INPUT_SIZE + x] = (rgb & 0xFF) / 255f;
            }
        }
        return out;
    }

    static float[] features(BufferedImage image) {
        // Through the same INPUT_SIZE step the tensor path takes, so both paths see the same pixels.
        BufferedImage small = resize(resize(image, INPUT_SIZE), SIDE);
        float[] f = new float[SIDE * SIDE * 3];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = small.getRGB(x, y);
                int i = (y * SIDE + x) * 3;
                f[i] = (rgb >> 16 & 0xFF) / 255f;
                f[i + 1] = (rgb >> 8 & 0xFF) / 255f;
                f[i + 2] = (rgb & 0xFF) / 255f;
            }
        }
        return f;
    }

    private float[] probabilities(float[] features) {
        double[] nearest = new double[10];
        java.util.Arrays.fill(nearest, Double.MAX_VALUE);
        for (Exemplar e : exemplars) {
            double d = 0;
            for (int i = 0; i < features.length; i++) {
                double diff = features[i] - e.features()[i];
                d += diff * diff;
            }
            nearest[e.digit()] = Math.min(nearest[e.digit()], Math.sqrt(d));
        }
        double best = java.util.Arrays.stream(nearest).min().orElse(0);
        double sum = 0;
        double[] weights = new double[10];
        for (int c = 0; c < 10; c++) {
            weights[c] = nearest[c] == Double.MAX_VALUE ? 0 : Math.exp(-(nearest[c] - best) / TEMPERATURE);
            sum += weights[c];
        }
        float[] p = new float[10];
        for (int c = 0; c < 10; c++) {
            p[c] = (float) (weights[c] / sum);
        }
        return p;
    }

    private static BufferedImage resize(BufferedImage image, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("classifier " + info.id() + " used after close");
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
