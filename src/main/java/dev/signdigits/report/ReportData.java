package dev.signdigits.report;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.EpochMetrics;
import dev.signdigits.eval.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML report shows. Maps keep the caller's order (pass a LinkedHashMap).
 *
 * @param runId         identifier of the training run or evaluation
 * @param title         page heading, e.g. "Sign-language digits: MobileNet v1 0.25 @128"
 * @param createdAt     when the report was made
 * @param configuration the settings the run used (hyperparameters, input size, split)
 * @param provenance    where things came from (data hash, seed, versions, host)
 * @param timings       how long each phase took, e.g. "training" or "evaluation"
 * @param epochs        per-epoch metrics for the curves; empty when only evaluating
 * @param evaluation    the test-set evaluation
 * @param breakdown     per model and per robustness condition (may be {@link Breakdown#NONE})
 */
public record ReportData(String runId, String title, Instant createdAt, Map<String, String> configuration,
                         Map<String, String> provenance, Map<String, Duration> timings, List<EpochMetrics> epochs,
                         Evaluation evaluation, Breakdown breakdown) {

    /** Without per-model rows or a robustness section. */
    public ReportData(String runId, String title, Instant createdAt, Map<String, String> configuration,
                      Map<String, String> provenance, Map<String, Duration> timings, List<EpochMetrics> epochs,
                      Evaluation evaluation) {
        this(runId, title, createdAt, configuration, provenance, timings, epochs, evaluation, Breakdown.NONE);
    }

    public ReportData {
        breakdown = breakdown == null ? Breakdown.NONE : breakdown;
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(evaluation, "evaluation");
        configuration = ordered(configuration);
        provenance = ordered(provenance);
        timings = ordered(timings);
        epochs = List.copyOf(epochs);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
