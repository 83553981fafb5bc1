package dev.signdigits.eval;

import dev.signdigits.predict.Ranking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulates counts photo by photo, then turns them into an {@link Evaluation}. Not thread-safe. */
final class Tally {
    private final List<String> labels;
    private final int[][] confusion;
    private final Map<String, int[]> groups = new LinkedHashMap<>(); // group -> {n, correct}
    private final List<Misclassified> mistakes = new ArrayList<>();
    private int count;
    private int correct;
    private int top2;
    private int top3;
    private double logLossSum;
    // per confidence bin: photos, correct ones, sum of top-1 confidences
    private final double[][] calibration = new double[Evaluation.CALIBRATION_BINS][3];

    Tally(List<String> labels) {
        this.labels = labels;
        this.confusion = new int[labels.size()][labels.size()];
    }

    void add(Scored photo) {
        int truth = photo.trueLabel();
        int[] ranking = Ranking.order(photo.probabilities());
        int predicted = ranking[0];
        int rank = indexOf(ranking, truth);
        boolean hit = predicted == truth;

        count++;
        confusion[truth][predicted]++;
        correct += hit ? 1 : 0;
        top2 += rank < 2 ? 1 : 0;
        top3 += rank < 3 ? 1 : 0;
        double p = Math.min(1.0, Math.max(Evaluation.LOG_LOSS_EPSILON, photo.probability(truth)));
        logLossSum -= Math.log(p);
        double confidence = photo.probability(predicted);
        double[] bin = calibration[Math.min(Evaluation.CALIBRATION_BINS - 1, (int) (Math.max(0, confidence) * Evaluation.CALIBRATION_BINS))];
        bin[0]++;
        bin[1] += hit ? 1 : 0;
        bin[2] += confidence;
        if (photo.group() != null) {
            int[] g = groups.computeIfAbsent(photo.group(), k -> new int[2]);
            g[0]++;
            g[1] += hit ? 1 : 0;
        }
        if (!hit) {
            mistakes.add(new Misclassified(photo.file(), labels.get(truth), labels.get(predicted),
                    Ranking.widen(photo.probability(predicted)), Ranking.top(photo.probabilities(), labels, 3), photo.group()));
        }
    }

    Evaluation toEvaluation() {
        List<ClassMetrics> perClass = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            int support = Arrays.stream(confusion[c]).sum();
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[c];
            }
            perClass.add(ClassMetrics.of(labels.get(c), confusion[c][c], support, predicted));
        }
        List<GroupAccuracy> groupAccuracies = groups.entrySet().stream()
                .map(e -> GroupAccuracy.of(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(GroupAccuracy.WORST_FIRST)
                .toList();
        List<Misclassified> sortedMistakes = mistakes.stream().sorted(Misclassified.MOST_CONFIDENT_FIRST).toList();
        double calibrationError = 0;
        for (double[] bin : calibration) {
            if (bin[0] > 0) {
                calibrationError += bin[0] / count * Math.abs(bin[1] / bin[0] - bin[2] / bin[0]);
            }
        }
        return new Evaluation(labels, count, correct, share(correct), share(top2), share(top3), logLossSum / count,
                calibrationError, perClass, Averages.macro(perClass), Averages.weighted(perClass),
                ConfusionMatrix.of(labels, confusion), groupAccuracies, sortedMistakes);
    }


    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("class " + value + " missing from ranking");
    }

    /** The double that prints like the float (0.7f becomes 0.7, not 0.699999988), for readable JSON. */
    private double share(int n) {
        return (double) n / count;
    }
}
