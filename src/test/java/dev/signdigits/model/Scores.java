package dev.signdigits.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Small vector helpers for comparing two runtimes' outputs. */
final class Scores {
    private Scores() {}

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static Set<Integer> topK(float[] v, int k) {
        return topK(v, v, k);
    }

    /** The k best classes by {@code v}, ties (e.g. of a quantized softmax) broken by {@code tiebreak}. */
    static Set<Integer> topK(float[] v, float[] tiebreak, int k) {
        return new HashSet<>(ranking(v, tiebreak).subList(0, k));
    }

    static int argmax(float[] v, float[] tiebreak) {
        return ranking(v, tiebreak).get(0);
    }

    private static List<Integer> ranking(float[] v, float[] tiebreak) {
        Comparator<Integer> byValue = (a, b) -> Float.compare(v[b], v[a]);
        return IntStream.range(0, v.length).boxed()
                .sorted(byValue.thenComparing((a, b) -> Float.compare(tiebreak[b], tiebreak[a]))).toList();
    }

    static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
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

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static int overlap(Set<Integer> a, Set<Integer> b) {
        Set<Integer> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }
}
