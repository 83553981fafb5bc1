package dev.signdigits.evaluate;

import dev.signdigits.data.DecodeFailure;
import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.PhotoSetEvaluator;
import java.nio.file.Path;
import java.util.List;

/**
 * An evaluation that was run and written.
 *
 * @param name       the split or folder name it was run on
 * @param runtime    the runtime that ran the model (after {@code auto} chose)
 * @param evaluation the numbers
 * @param unreadable photos that could not be decoded (left out of the numbers)
 * @param outDir     the directory holding evaluation.json/.txt, the pictures and report.html
 * @param hands      for a model run with the hand locator: detection rate, photos without a hand and the
 *                   accuracy with those counted as wrong ({@code evaluation} covers the photos with a hand); else null
 * @param breakdown  each model behind the answer, and the robustness section when it was measured
 */
public record EvaluationResult(String name, String runtime, Evaluation evaluation, List<DecodeFailure> unreadable,
                               Path outDir, PhotoSetEvaluator.Outcome hands, Breakdown breakdown) {
    public EvaluationResult {
        breakdown = breakdown == null ? Breakdown.NONE : breakdown;
    }

    public EvaluationResult(String name, String runtime, Evaluation evaluation, List<DecodeFailure> unreadable, Path outDir,
                            PhotoSetEvaluator.Outcome hands) {
        this(name, runtime, evaluation, unreadable, outDir, hands, Breakdown.NONE);
    }

    public EvaluationResult(String name, String runtime, Evaluation evaluation, List<DecodeFailure> unreadable, Path outDir) {
        this(name, runtime, evaluation, unreadable, outDir, null);
    }

    public java.util.Optional<PhotoSetEvaluator.Outcome> handOutcome() {
        return java.util.Optional.ofNullable(hands);
    }
}
