package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.split.Split;
import dev.signdigits.evaluate.EvaluationRequest;
import dev.signdigits.evaluate.EvaluationResult;
import dev.signdigits.evaluate.ModelEvaluator;
import dev.signdigits.predict.InferenceRuntime;
import dev.signdigits.report.BreakdownText;
import dev.signdigits.report.EvaluationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits evaluate}: accuracy, per-class and per-person numbers and pictures for a model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a fine-tuned model on a split of its own data (--split) or on any ImageFolder (--data),",
            "e.g. photos of other people. Writes evaluation.json/.txt, confusion.png, misclassified.png and report.html,",
            "with a robustness section: the same photos changed the ways users' photos differ (--no-robustness skips it)."})
public final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest",
            description = "Fine-tuned model directory, or (with --data) an exported .tflite/.onnx file.")
    Path model;

    @Option(names = "--hand-locator", defaultValue = dev.signdigits.hand.HandFramingSpec.AS_RECORDED,
            description = "model (default): the framing the model records. auto, full or lite with a whole-photo model:"
                    + " crop the hand first (how much the locator alone gains). See predict --help.")
    String handLocator;

    @Option(names = "--runtime", defaultValue = "djl",
            description = "Inference runtime: auto, djl, tflite, tflite-float16, tflite-int8 or onnx, as for predict and serve;"
                    + " evaluate the very file you deploy. Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--split", defaultValue = "test", description = "Split of the model's own manifest: train, val or test.")
    String split;

    @Option(names = "--data", defaultValue = "", description = "Evaluate on this ImageFolder instead of a split.")
    String data;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits",
            description = "Where the model's dataset lives (for --split).")
    Path dataDir;

    @Option(names = "--eval-out", defaultValue = "",
            description = "Output directory (default: <model>/evaluations/<split or folder name>).")
    String outDir;

    @Option(names = "--decode-threads", defaultValue = "2", description = "Threads for decoding.")
    int threads;

    @Option(names = "--robustness", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also score the photos grey, blurred, darkened, over another background and in a phone-like"
                    + " frame, per model (--no-robustness: skip it).")
    boolean robustness;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EvaluationResult result = ModelEvaluator.run(new EvaluationRequest(model, InferenceRuntime.parse(runtime),
                data.isBlank() ? parseSplit(split) : null, data.isBlank() ? null : Path.of(data), dataDir,
                outDir.isBlank() ? null : Path.of(outDir), threads, handLocator, robustness));
        PrintWriter w = spec.commandLine().getOut();
        w.print(EvaluationText.render(result.evaluation()));
        result.handOutcome().ifPresent(h -> {
            w.printf(java.util.Locale.ROOT, "hand found in %d of %d photos (%.2f%%); accuracy %.2f%% on those, %.2f%% overall"
                            + " (a photo without a hand counted as wrong)%n", h.evaluation().count(),
                    h.evaluation().count() + h.noHand().size(), h.detectionRate() * 100, h.evaluation().accuracy() * 100,
                    h.overallAccuracy() * 100);
            h.noHand().forEach(f -> w.println("no hand: " + f));
        });
        w.print(BreakdownText.render(result.breakdown()));
        result.unreadable().forEach(f -> w.println("unreadable: " + f.file() + ": " + f.message()));
        w.println("Written to " + result.outDir());
        w.flush();
        return 0;
    }

    private static Split parseSplit(String value) {
        for (Split s : Split.values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new SignDigitsException("--split must be train, val or test, got '" + value + "'.");
    }

}
