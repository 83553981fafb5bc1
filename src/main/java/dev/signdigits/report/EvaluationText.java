package dev.signdigits.report;

import dev.signdigits.eval.ClassMetrics;
import dev.signdigits.eval.ConfusionMatrix;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.GroupAccuracy;
import dev.signdigits.predict.LabelProbability;
import dev.signdigits.eval.Misclassified;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The evaluation as a plain-text report for the terminal: summary, per-class table, confusion matrix, worst groups. */
public final class EvaluationText {
    private static final int WORST_GROUPS = 10;
    private static final int MISTAKES = 10;

    private EvaluationText() {}

    public static String render(Evaluation e) {
        StringBuilder out = new StringBuilder();
        summary(out, e);
        perClass(out, e);
        confusion(out, e.confusionMatrix());
        worstGroups(out, e.worstGroups(WORST_GROUPS), e.groups().size());
        mistakes(out, e.misclassified());
        return out.toString();
    }

    private static void summary(StringBuilder out, Evaluation e) {
        out.append(f("Evaluated %d photos: accuracy %s (%d correct), top-2 %s, top-3 %s, mean log-loss %.4f,"
                        + " expected calibration error %s%n",
                e.count(), percent(e.accuracy()), e.correct(), percent(e.top2Accuracy()), percent(e.top3Accuracy()),
                e.meanLogLoss(), percent(e.calibrationError())));
    }

    private static void perClass(StringBuilder out, Evaluation e) {
        int w = Math.max(12, e.labels().stream().mapToInt(String::length).max().orElse(1));
        String row = "%-" + w + "s %9s %9s %9s %9s%n";
        out.append(f("%nPer class%n"));
        out.append(f(row, "class", "precision", "recall", "f1", "support"));
        for (ClassMetrics c : e.perClass()) {
            out.append(f(row, c.label(), three(c.precision()), three(c.recall()), three(c.f1()), c.support()));
        }
        out.append(f(row, "macro avg", three(e.macroAverage().precision()), three(e.macroAverage().recall()),
                three(e.macroAverage().f1()), e.count()));
        out.append(f(row, "weighted avg", three(e.weightedAverage().precision()),
                three(e.weightedAverage().recall()), three(e.weightedAverage().f1()), e.count()));
    }

    private static void confusion(StringBuilder out, ConfusionMatrix m) {
        int labelWidth = Math.max("true\\pred".length(), m.labels().stream().mapToInt(String::length).max().orElse(1));
        int widestLabel = m.labels().stream().mapToInt(String::length).max().orElse(1);
        int widestCount = Integer.toString(m.total()).length();
        int cellWidth = 1 + Math.max(3, Math.max(widestLabel, widestCount));
        out.append(f("%nConfusion matrix (rows = true label, columns = predicted)%n"));
        out.append(pad("true\\pred", labelWidth, false));
        for (String label : m.labels()) {
            out.append(pad(label, cellWidth, true));
        }
        out.append(System.lineSeparator());
        for (int t = 0; t < m.size(); t++) {
            out.append(pad(m.labels().get(t), labelWidth, false));
            for (int p = 0; p < m.size(); p++) {
                int count = m.count(t, p);
                // dots for zeros make the few mistakes stand out
                out.append(pad(count == 0 && t != p ? "." : Integer.toString(count), cellWidth, true));
            }
            out.append(System.lineSeparator());
        }
    }

    private static void worstGroups(StringBuilder out, List<GroupAccuracy> worst, int total) {
        if (worst.isEmpty()) {
            return;
        }
        out.append(f("%nWorst groups (%d of %d, lowest accuracy first)%n", worst.size(), total));
        int w = worst.stream().mapToInt(g -> g.group().length()).max().orElse(5);
        for (GroupAccuracy g : worst) {
            out.append(f("  %-" + w + "s %7s  (%d/%d)%n", g.group(), percent(g.accuracy()), g.correct(), g.n()));
        }
    }

    private static void mistakes(StringBuilder out, List<Misclassified> all) {
        if (all.isEmpty()) {
            out.append(f("%nNo misclassified photos.%n"));
            return;
        }
        List<Misclassified> shown = all.subList(0, Math.min(MISTAKES, all.size()));
        out.append(f("%nMost confident mistakes (%d of %d)%n", shown.size(), all.size()));
        for (Misclassified m : shown) {
            String top3 = m.top3().stream().map(EvaluationText::labelled).collect(Collectors.joining(", "));
            out.append(f("  %s  %s  [top-3: %s]%n", MisclassifiedSheet.caption(m, "->"), m.file(), top3));
        }
    }

    private static String labelled(LabelProbability p) {
        return f("%s %.2f", p.label(), p.probability());
    }

    private static String pad(String text, int width, boolean right) {
        return f("%" + (right ? "" : "-") + width + "s", text);
    }

    private static String percent(double share) {
        return f("%.1f%%", 100 * share);
    }

    private static String three(double value) {
        return f("%.3f", value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
