package dev.signdigits.report;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.ModelAccuracy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The per-model table and the robustness section as plain text (evaluation.txt, the terminal). */
public final class BreakdownText {
    private BreakdownText() {}

    public static String render(Breakdown b) {
        StringBuilder out = new StringBuilder();
        if (!b.models().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nPer model%n%-12s %9s %9s %11s  %s%n", "model", "accuracy", "correct",
                    "calib.err.", "what"));
            for (ModelAccuracy m : b.models()) {
                out.append(String.format(Locale.ROOT, "%-12s %9s %9s %11s  %s%n", m.model(), percent(m.accuracy()),
                        m.correct() + "/" + m.count(), percent(m.calibrationError()), m.description()));
            }
        }
        if (!b.robustness().isEmpty()) {
            List<String> models = modelNames(b);
            out.append(String.format(Locale.ROOT, "%nRobustness (the same photos changed; accuracy on photos with a hand)%n"));
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-20s %7s", "condition", "hands"));
            for (String m : models) {
                head.append(String.format(Locale.ROOT, " %11s", m));
            }
            out.append(head).append(String.format(Locale.ROOT, " %13s%n", "served, all"));
            for (Breakdown.Condition c : b.robustness()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-20s %7s", c.name(),
                        c.handsFound() + "/" + c.photos()));
                for (String m : models) {
                    row.append(String.format(Locale.ROOT, " %11s", c.models().stream().filter(a -> a.model().equals(m))
                            .findFirst().map(a -> percent(a.accuracy())).orElse("-")));
                }
                out.append(row).append(String.format(Locale.ROOT, " %13s%n", percent(c.servedOverall())));
            }
            for (Breakdown.Condition c : b.robustness()) {
                out.append(String.format(Locale.ROOT, "  %s: %s%n", c.name(), c.description()));
            }
        }
        return out.toString();
    }

    /** The models in the order they first appear. */
    static List<String> modelNames(Breakdown b) {
        Set<String> names = new LinkedHashSet<>();
        b.robustness().forEach(c -> c.models().forEach(m -> names.add(m.model())));
        return new ArrayList<>(names);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
