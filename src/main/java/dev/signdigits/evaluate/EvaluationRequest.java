package dev.signdigits.evaluate;

import dev.signdigits.data.split.Split;
import dev.signdigits.predict.InferenceRuntime;
import java.nio.file.Path;

/**
 * What to evaluate and where to write it.
 *
 * @param model         a model directory made by {@code train}, or (with {@code folder}) an exported file
 * @param runtime       the runtime that runs it, as in serving ({@code auto} picks as {@code serve} does)
 * @param split         a split of the model's own manifest; used when {@code folder} is null
 * @param folder        any folder-per-digit photo set, or null
 * @param dataDir       where the model's dataset lives (for {@code split})
 * @param outDir        where the files go; null for {@code <model>/evaluations/<split or folder name>}
 * @param decodeThreads threads decoding photos
 * @param handLocator   a {@code --hand-locator} value: null or {@code model} for the framing the model
 *                      records (see {@link dev.signdigits.hand.HandFramingSpec#choose})
 * @param robustness    whether to add the robustness section: the same photos grey, blurred, dark, over
 *                      another background and in a phone-like frame, per model (see
 *                      {@link dev.signdigits.eval.robustness.Conditions})
 */
public record EvaluationRequest(Path model, InferenceRuntime runtime, Split split, Path folder, Path dataDir,
                                Path outDir, int decodeThreads, String handLocator, boolean robustness) {
    /** With the robustness section. */
    public EvaluationRequest(Path model, InferenceRuntime runtime, Split split, Path folder, Path dataDir,
                             Path outDir, int decodeThreads, String handLocator) {
        this(model, runtime, split, folder, dataDir, outDir, decodeThreads, handLocator, true);
    }

    /** With the framing the model records and the robustness section. */
    public EvaluationRequest(Path model, InferenceRuntime runtime, Split split, Path folder, Path dataDir, Path outDir,
                             int decodeThreads) {
        this(model, runtime, split, folder, dataDir, outDir, decodeThreads, null);
    }
}
