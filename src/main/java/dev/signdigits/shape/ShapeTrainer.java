package dev.signdigits.shape;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains the {@link ShapeNetwork} on the training split's hand shapes, seeded and deterministic,
 * in plain Java (a 42-64-10 network trains in about a second; a DJL engine call per small matrix
 * would cost more than the arithmetic). Each epoch sees every hand as the locator read it and
 * {@link Settings#variants} perturbed copies: a small in-plane rotation (the normalization aligns
 * the palm, but that alignment is itself noisy), a different aspect (a tilted hand looks narrower),
 * and jitter of each landmark (the landmark model's noise on small or blurred hands).
 */
public final class ShapeTrainer {

    /**
     * @param hidden      hidden units
     * @param epochs      passes over the (freshly perturbed) training hands
     * @param variants    perturbed copies of each hand per epoch, besides the hand itself
     * @param batchSize   hands per Adam step
     * @param learningRate Adam's step size
     * @param weightDecay L2 penalty on the weights (not the biases)
     * @param rotation    standard deviation of the rotation, radians
     * @param aspect      standard deviation of the x and y scale factors around 1
     * @param jitter      standard deviation of each coordinate's noise, in palm lengths
     */
    public record Settings(int hidden, int epochs, int variants, int batchSize, double learningRate, double weightDecay,
                           double rotation, double aspect, double jitter) {
        public static final Settings DEFAULT = new Settings(64, 40, 3, 32, 3e-3, 1e-4, 0.15, 0.07, 0.02);
    }

    private ShapeTrainer() {}

    public static ShapeNetwork train(List<float[]> shapes, int[] labels, int classes, long seed, Settings s) {
        if (shapes.isEmpty() || shapes.size() != labels.length) {
            throw new IllegalArgumentException("need one label per hand shape, got " + shapes.size() + " shapes and "
                    + labels.length + " labels");
        }
        int in = shapes.get(0).length;
        int hid = s.hidden();
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        float[][] params = {
            gaussian(in * hid, Math.sqrt(2.0 / in), rng), new float[hid],
            gaussian(hid * classes, Math.sqrt(1.0 / hid), rng), new float[classes]};
        Moments adam = new Moments(params, s.learningRate());
        Gradients g = new Gradients(in, hid, classes);
        int perEpoch = shapes.size() * (1 + s.variants());
        int[] order = new int[perEpoch];
        float[][] batch = new float[s.batchSize()][];
        int[] batchLabels = new int[s.batchSize()];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = 0; i < perEpoch; i++) {
                order[i] = i;
            }
            shuffle(order, rng);
            for (int start = 0; start < perEpoch; start += s.batchSize()) {
                int n = Math.min(s.batchSize(), perEpoch - start);
                for (int b = 0; b < n; b++) {
                    int item = order[start + b];
                    int photo = item % shapes.size();
                    batch[b] = item < shapes.size() ? shapes.get(photo) : perturb(shapes.get(photo), rng, s);
                    batchLabels[b] = labels[photo];
                }
                g.compute(params, batch, batchLabels, n, s.weightDecay());
                adam.step(params, g.all());
            }
        }
        return new ShapeNetwork(in, hid, classes, params[0], params[1], params[2], params[3]);
    }

    /** A rotated, stretched and jittered copy of a normalized shape (x, y pairs). */
    static float[] perturb(float[] shape, SplittableRandom rng, Settings s) {
        double a = gauss(rng) * s.rotation();
        double sx = 1 + gauss(rng) * s.aspect();
        double sy = 1 + gauss(rng) * s.aspect();
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        float[] out = new float[shape.length];
        for (int i = 0; i + 1 < shape.length; i += 2) {
            double x = shape[i] * sx;
            double y = shape[i + 1] * sy;
            out[i] = (float) (cos * x - sin * y + gauss(rng) * s.jitter());
            out[i + 1] = (float) (sin * x + cos * y + gauss(rng) * s.jitter());
        }
        return out;
    }

    private static float[] gaussian(int n, double std, SplittableRandom rng) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (gauss(rng) * std);
        }
        return w;
    }

    private static double gauss(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Mean cross-entropy gradients of one batch, with L2 on the weight matrices. */
    private static final class Gradients {
        private final int in;
        private final int hid;
        private final int out;
        private final float[][] grads;
        private final float[] h;
        private final float[] p;

        Gradients(int in, int hid, int out) {
            this.in = in;
            this.hid = hid;
            this.out = out;
            this.grads = new float[][] {new float[in * hid], new float[hid], new float[hid * out], new float[out]};
            this.h = new float[hid];
            this.p = new float[out];
        }

        float[][] all() {
            return grads;
        }

        void compute(float[][] w, float[][] xs, int[] ys, int n, double decay) {
            for (float[] gr : grads) {
                java.util.Arrays.fill(gr, 0f);
            }
            float[] w1 = w[0], b1 = w[1], w2 = w[2], b2 = w[3];
            float[] gw1 = grads[0], gb1 = grads[1], gw2 = grads[2], gb2 = grads[3];
            float scale = 1f / n;
            float[] dh = new float[hid];
            for (int b = 0; b < n; b++) {
                float[] x = xs[b];
                System.arraycopy(b1, 0, h, 0, hid);
                for (int i = 0; i < in; i++) {
                    float xi = x[i];
                    int row = i * hid;
                    for (int j = 0; j < hid; j++) {
                        h[j] += xi * w1[row + j];
                    }
                }
                System.arraycopy(b2, 0, p, 0, out);
                for (int j = 0; j < hid; j++) {
                    h[j] = Math.max(0f, h[j]);
                    int row = j * out;
                    for (int k = 0; k < out; k++) {
                        p[k] += h[j] * w2[row + k];
                    }
                }
                float[] prob = Softmax.of(p);
                prob[ys[b]] -= 1f;
                java.util.Arrays.fill(dh, 0f);
                for (int k = 0; k < out; k++) {
                    float d = prob[k] * scale;
                    gb2[k] += d;
                }
                for (int j = 0; j < hid; j++) {
                    if (h[j] == 0f) {
                        continue;
                    }
                    int row = j * out;
                    float acc = 0f;
                    for (int k = 0; k < out; k++) {
                        float d = prob[k] * scale;
                        gw2[row + k] += h[j] * d;
                        acc += w2[row + k] * d;
                    }
                    dh[j] = acc;
                }
                for (int j = 0; j < hid; j++) {
                    gb1[j] += dh[j];
                }
                for (int i = 0; i < in; i++) {
                    float xi = x[i];
                    if (xi == 0f) {
                        continue;
                    }
                    int row = i * hid;
                    for (int j = 0; j < hid; j++) {
                        gw1[row + j] += xi * dh[j];
                    }
                }
            }
            for (int i = 0; i < gw1.length; i++) {
                gw1[i] += (float) (decay * w1[i]);
            }
            for (int i = 0; i < gw2.length; i++) {
                gw2[i] += (float) (decay * w2[i]);
            }
        }
    }

    /** Adam's moments for the four parameter arrays. */
    private static final class Moments {
        private final float[][] m;
        private final float[][] v;
        private final double lr;
        private long step;

        Moments(float[][] params, double lr) {
            this.lr = lr;
            m = new float[params.length][];
            v = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new float[params[i].length];
                v[i] = new float[params[i].length];
            }
        }

        void step(float[][] params, float[][] grads) {
            step++;
            double c1 = 1 - Math.pow(0.9, step);
            double c2 = 1 - Math.pow(0.999, step);
            for (int a = 0; a < params.length; a++) {
                float[] w = params[a], g = grads[a], ma = m[a], va = v[a];
                for (int i = 0; i < w.length; i++) {
                    ma[i] = 0.9f * ma[i] + 0.1f * g[i];
                    va[i] = 0.999f * va[i] + 0.001f * g[i] * g[i];
                    w[i] -= (float) (lr * (ma[i] / c1) / (Math.sqrt(va[i] / c2) + 1e-8));
                }
            }
        }
    }
}
