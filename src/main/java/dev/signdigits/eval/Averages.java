package dev.signdigits.eval;

import java.util.List;

/** Precision, recall and F1 averaged over classes. */
public record Averages(double precision, double recall, double f1) {

    /**
     * Unweighted mean over the classes that occur as a true label or a prediction: a class absent
     * from both (a small test split) says nothing about the model and would drag the mean to 0.
     */
    static Averages macro(List<ClassMetrics> classes) {
        List<ClassMetrics> present = classes.stream().filter(ClassMetrics::occurs).toList();
        if (present.isEmpty()) {
            return new Averages(0, 0, 0);
        }
        double n = present.size();
        return new Averages(
                present.stream().mapToDouble(ClassMetrics::precision).sum() / n,
                present.stream().mapToDouble(ClassMetrics::recall).sum() / n,
                present.stream().mapToDouble(ClassMetrics::f1).sum() / n);
    }

    /** Mean weighted by support, so frequent classes count more. */
    static Averages weighted(List<ClassMetrics> classes) {
        double total = classes.stream().mapToInt(ClassMetrics::support).sum();
        if (total == 0) {
            return new Averages(0, 0, 0);
        }
        return new Averages(
                classes.stream().mapToDouble(c -> c.precision() * c.support()).sum() / total,
                classes.stream().mapToDouble(c -> c.recall() * c.support()).sum() / total,
                classes.stream().mapToDouble(c -> c.f1() * c.support()).sum() / total);
    }
}
