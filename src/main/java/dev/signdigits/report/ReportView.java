package dev.signdigits.report;

import java.util.List;

/**
 * The report as the template sees it: every value already formatted as text and every image a
 * data URI, so the template only lays things out. Public because the precompiled template reads it.
 */
public record ReportView(
        String title,
        String runId,
        String createdAt,
        List<Stat> headline,
        String lossChart,
        String accuracyChart,
        String confusionChart,
        List<ClassRow> perClass,
        List<ClassRow> averages,
        List<GroupRow> groups,
        int ungroupedCount,
        String misclassifiedSheet,
        List<MistakeRow> mistakes,
        int mistakesTotal,
        List<Entry> configuration,
        List<Entry> provenance,
        List<Entry> timings,
        List<ModelRow> models,
        List<String> robustnessModels,
        List<ConditionRow> robustness) {

    /** A headline number, e.g. ("accuracy", "93.2%"). */
    public record Stat(String name, String value) {}

    /** A key/value table row. */
    public record Entry(String key, String value) {}

    /** One row of the per-class table; {@code weak} marks classes the model struggles with. */
    public record ClassRow(String label, String precision, String recall, String f1, String support,
                           String predicted, boolean weak) {}

    /** One row of the per-group table; {@code barPercent} is the accuracy bar width. */
    public record GroupRow(String group, String accuracy, int correct, int n, int barPercent, boolean weak) {}

    /** One row of the mistakes table. */
    public record MistakeRow(String file, String group, String trueLabel, String predictedLabel, String confidence,
                             String top3) {}

    /** One model behind the answer (image, hand shape, served). */
    public record ModelRow(String model, String accuracy, String correct, String calibrationError, String description,
                           boolean served) {}

    /** One condition of the robustness section: accuracy per model (in {@code robustnessModels} order). */
    public record ConditionRow(String name, String description, String hands, List<String> accuracies,
                               String servedOverall, boolean weak) {}

    public boolean hasModels() {
        return !models.isEmpty();
    }

    public boolean hasRobustness() {
        return !robustness.isEmpty();
    }

    public boolean hasCurves() {
        return lossChart != null;
    }

    public boolean hasGroups() {
        return !groups.isEmpty();
    }

    public boolean mistakesTruncated() {
        return mistakes.size() < mistakesTotal;
    }
}
