package dev.signdigits.shape;

import java.util.List;

/**
 * Chooses the {@link Combination} on the validation split: the hand-shape weight from a grid and,
 * for each, the temperature that minimizes the negative log-likelihood (temperature scaling, Guo
 * et al. 2017); the pair with the lowest likelihood loss wins, the smaller weight on a tie.
 * Likelihood rather than accuracy because validation accuracy is near 100% for every weight and
 * cannot tell them apart.
 */
public final class CombinationFit {
    static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3};

    /** The choice and what it scored on the validation photos. */
    public record Result(Combination combination, double valLoss, double valLossUncalibrated) {}

    private CombinationFit() {}

    /**
     * @param image  the image network's probabilities per validation photo
     * @param shape  the hand-shape network's per photo (entries may be null: no hand), or null for no network
     * @param labels true label indices
     */
    public static Result fit(List<float[]> image, List<float[]> shape, int[] labels, ShapeNetwork network) {
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestWeight = 0;
        double bestT = 1;
        for (double w : network == null ? new double[] {0} : WEIGHTS) {
            double t = temperature(image, shape, labels, w);
            double loss = loss(image, shape, labels, w, t);
            if (loss < bestLoss - 1e-9) {
                bestLoss = loss;
                bestWeight = w;
                bestT = t;
            }
        }
        return new Result(new Combination(network, bestWeight, bestT), bestLoss,
                loss(image, shape, labels, bestWeight, 1));
    }

    /** Golden-section search of log T in [1/20, 20]: the loss is smooth and unimodal in T. */
    static double temperature(List<float[]> image, List<float[]> shape, int[] labels, double weight) {
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = loss(image, shape, labels, weight, Math.exp(a));
        double fb = loss(image, shape, labels, weight, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = loss(image, shape, labels, weight, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = loss(image, shape, labels, weight, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Mean negative log-likelihood of the true labels. */
    static double loss(List<float[]> image, List<float[]> shape, int[] labels, double weight, double temperature) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            float[] s = shape == null ? null : shape.get(i);
            float[] p = Combination.combine(image.get(i), s, weight, temperature);
            sum -= Softmax.log(p[labels[i]]);
        }
        return sum / labels.length;
    }
}
