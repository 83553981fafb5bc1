package dev.signdigits.report;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.ModelAccuracy;
import java.util.ArrayList;
import dev.signdigits.eval.Averages;
import dev.signdigits.eval.ClassMetrics;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.GroupAccuracy;
import dev.signdigits.eval.Misclassified;
import dev.signdigits.report.ReportView.ClassRow;
import dev.signdigits.report.ReportView.Entry;
import dev.signdigits.report.ReportView.GroupRow;
import dev.signdigits.report.ReportView.MistakeRow;
import dev.signdigits.report.ReportView.Stat;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns {@link ReportData} into a {@link ReportView}: formats numbers and renders the images. */
final class ReportViews {
    /** Rows beyond this go to evaluation.json only; the sheet shows the first 48 anyway. */
    static final int MAX_MISTAKE_ROWS = 200;
    /** Classes and groups below this share are highlighted. */
    private static final double WEAK = 0.8;
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportViews() {}

    static ReportView of(ReportData data, Function<String, BufferedImage> imageLoader) {
        Evaluation e = data.evaluation();
        boolean curves = !data.epochs().isEmpty();
        List<Misclassified> mistakes = e.misclassified();
        int grouped = e.groups().stream().mapToInt(GroupAccuracy::n).sum();
        return new ReportView(
                data.title(),
                data.runId(),
                CREATED.format(data.createdAt()),
                headline(e),
                curves ? ImageEncoding.pngDataUri(TrainingCurves.loss(data.epochs())) : null,
                curves ? ImageEncoding.pngDataUri(TrainingCurves.accuracy(data.epochs())) : null,
                ImageEncoding.pngDataUri(ConfusionMatrixChart.render(e, ConfusionMatrixChart.DEFAULT_SIZE)),
                e.perClass().stream().map(ReportViews::classRow).toList(),
                List.of(averageRow("macro avg", e.macroAverage(), e.count()),
                        averageRow("weighted avg", e.weightedAverage(), e.count())),
                e.groups().stream().map(ReportViews::groupRow).toList(),
                e.count() - grouped,
                ImageEncoding.jpegDataUri(MisclassifiedSheet.render(mistakes, imageLoader)),
                mistakes.stream().limit(MAX_MISTAKE_ROWS).map(ReportViews::mistakeRow).toList(),
                mistakes.size(),
                entries(data.configuration(), Function.identity()),
                entries(data.provenance(), dev.signdigits.runtime.ModelInfo::forDisplay),
                entries(data.timings(), ReportViews::duration),
                data.breakdown().models().stream().map(ReportViews::modelRow).toList(),
                BreakdownText.modelNames(data.breakdown()),
                data.breakdown().robustness().stream()
                        .map(c -> conditionRow(c, BreakdownText.modelNames(data.breakdown()))).toList());
    }

    private static ReportView.ModelRow modelRow(ModelAccuracy m) {
        return new ReportView.ModelRow(m.model(), percent(m.accuracy()), m.correct() + " / " + m.count(),
                percent(m.calibrationError()), m.description(), m.model().equals(ModelAccuracy.SERVED));
    }

    /** Rows below 95% for the served model are marked: conditions to distrust the model in. */
    private static ReportView.ConditionRow conditionRow(Breakdown.Condition c, List<String> models) {
        List<String> accuracies = new ArrayList<>();
        for (String name : models) {
            accuracies.add(c.models().stream().filter(m -> m.model().equals(name)).findFirst()
                    .map(m -> percent(m.accuracy())).orElse("-"));
        }
        return new ReportView.ConditionRow(c.name(), c.description(), c.handsFound() + " / " + c.photos(), accuracies,
                percent(c.servedOverall()), c.servedOverall() < 0.95);
    }

    private static List<Stat> headline(Evaluation e) {
        return List.of(
                new Stat("accuracy", percent(e.accuracy())),
                new Stat("top-2 accuracy", percent(e.top2Accuracy())),
                new Stat("top-3 accuracy", percent(e.top3Accuracy())),
                new Stat("macro F1", three(e.macroAverage().f1())),
                new Stat("mean log-loss", three(e.meanLogLoss())),
                new Stat("calibration error (ECE)", percent(e.calibrationError())),
                new Stat("photos correct", e.correct() + " / " + e.count()));
    }

    private static ClassRow classRow(ClassMetrics c) {
        return new ClassRow(c.label(), three(c.precision()), three(c.recall()), three(c.f1()),
                Integer.toString(c.support()), Integer.toString(c.predicted()), c.occurs() && c.f1() < WEAK);
    }

    private static ClassRow averageRow(String name, Averages a, int count) {
        return new ClassRow(name, three(a.precision()), three(a.recall()), three(a.f1()), Integer.toString(count), "",
                false);
    }

    private static GroupRow groupRow(GroupAccuracy g) {
        return new GroupRow(g.group(), percent(g.accuracy()), g.correct(), g.n(),
                (int) Math.round(100 * g.accuracy()), g.accuracy() < WEAK);
    }

    private static MistakeRow mistakeRow(Misclassified m) {
        String top3 = m.top3().stream()
                .map(p -> String.format(Locale.ROOT, "%s %.2f", p.label(), p.probability()))
                .collect(Collectors.joining(", "));
        return new MistakeRow(m.file(), m.group() == null ? "" : m.group(), m.trueLabel(), m.predictedLabel(),
                String.format(Locale.ROOT, "%.2f", m.confidence()), top3);
    }

    private static <V> List<Entry> entries(Map<String, V> map, Function<V, String> format) {
        return map.entrySet().stream().map(en -> new Entry(en.getKey(), format.apply(en.getValue()))).toList();
    }

    /** "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min". */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String three(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
