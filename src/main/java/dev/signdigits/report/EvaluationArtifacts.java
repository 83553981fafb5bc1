package dev.signdigits.report;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The files an evaluation leaves behind, for both `train` (test split) and `evaluate`. */
public final class EvaluationArtifacts {
    public static final String TEXT_FILE = "evaluation.txt";
    public static final String CONFUSION_FILE = "confusion.png";
    public static final String MISCLASSIFIED_FILE = "misclassified.png";

    private EvaluationArtifacts() {}

    /** Writes evaluation.json, evaluation.txt, confusion.png and misclassified.png into {@code dir}. */
    public static void write(Path dir, Evaluation evaluation, Map<String, ?> meta,
                             Function<String, BufferedImage> imageLoader) {
        write(dir, evaluation, Breakdown.NONE, meta, imageLoader);
    }

    /** As above, with the per-model rows and the robustness section (in the JSON's meta and in the text). */
    public static void write(Path dir, Evaluation evaluation, Breakdown breakdown, Map<String, ?> meta,
                             Function<String, BufferedImage> imageLoader) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(meta);
        if (!breakdown.models().isEmpty()) {
            all.put("models", breakdown.models());
        }
        if (!breakdown.robustness().isEmpty()) {
            all.put("robustness", breakdown.robustness());
        }
        EvaluationJson.write(evaluation, all, dir.resolve(EvaluationJson.FILE_NAME));
        AtomicFiles.writeString(dir.resolve(TEXT_FILE), EvaluationText.render(evaluation) + BreakdownText.render(breakdown));
        ConfusionMatrixChart.write(evaluation, dir.resolve(CONFUSION_FILE));
        MisclassifiedSheet.write(evaluation.misclassified(), imageLoader, dir.resolve(MISCLASSIFIED_FILE));
    }

    /** {@link #write} and the self-contained {@code report.html}: everything a run or an evaluation leaves. */
    public static void writeWithReport(Path dir, ReportData report, Map<String, ?> meta,
                                       Function<String, BufferedImage> imageLoader) {
        write(dir, report.evaluation(), report.breakdown(), meta, imageLoader);
        HtmlReport.write(report, imageLoader, dir.resolve(HtmlReport.FILE_NAME));
    }
}
