package dev.signdigits.shape;

/** Numerically stable softmax and its inverse up to a constant (log). */
final class Softmax {
    private Softmax() {}

    static float[] of(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** Log of a probability, floored so that a hard zero from a saturated softmax stays finite. */
    static double log(double p) {
        return Math.log(Math.max(p, 1e-12));
    }
}
