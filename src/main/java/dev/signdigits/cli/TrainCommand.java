package dev.signdigits.cli;

import dev.signdigits.train.StopRequest;
import dev.signdigits.train.TrainingPipeline;
import dev.signdigits.train.TrainingResult;
import dev.signdigits.train.RunDirectory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits train}: fine-tune, evaluate on the held-out people, print the test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fine-tune the ImageNet MobileNet on the sign-language digits and report accuracy on the test split",
            "(people never seen in training). Fetches the dataset, writes the split and imports the backbone if missing."})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Mixin
    GlobalOptions global;

    @CommandLine.Mixin
    TrainOptions options;

    @Option(names = "--resume", description = "Continue the newest interrupted run from its last completed epoch.")
    boolean resume;

    @Option(names = "--robustness",
            description = "Add the robustness section (the test photos grey, blurred, darkened, over another background,"
                    + " in a phone-like frame; per model) to the run's evaluation and report.html: one to two minutes more."
                    + " 'signdigits evaluate' has it by default.")
    boolean robustness;

    @Option(names = "--list-interrupted", description = "List the work directories of interrupted runs (resumable or not) and exit.")
    boolean listInterrupted;

    @Option(names = "--remove-interrupted", description = "Delete the work directories of all interrupted runs and exit.")
    boolean removeInterrupted;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (listInterrupted || removeInterrupted) {
            return interrupted(spec.commandLine().getOut());
        }
        StopRequest.installSignalHandlers();
        TrainingResult result = new TrainingPipeline(robustness).run(options.toConfig(), resume);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Run %s: %d epochs (best %d; weights: %s), %.0f s, peak RSS %d MB%n", result.runId(),
                result.epochs(), result.bestEpoch(), result.weights(), result.seconds(), result.peakRssBytes() >> 20);
        out.printf(Locale.ROOT, "Validation accuracy: %.2f%%%n", result.valAccuracy() * 100);
        out.printf(Locale.ROOT, "Test accuracy (people unseen in training): %.2f%% (%d/%d)%n",
                result.testAccuracy() * 100, result.testCorrect(), result.testCount());
        out.println("Model: " + result.modelDir());
        out.println("Report: " + result.modelDir().resolve("report.html"));
        out.flush();
        return 0;
    }

    private int interrupted(PrintWriter out) {
        List<RunDirectory.Interrupted> runs = removeInterrupted ? RunDirectory.removeInterrupted(options.modelsDir)
                : RunDirectory.interrupted(options.modelsDir);
        if (runs.isEmpty()) {
            out.println("No interrupted runs under " + options.modelsDir.resolve("finetuned") + ".");
        }
        for (RunDirectory.Interrupted run : runs) {
            out.println((removeInterrupted ? "Removed " : "") + run.describe());
        }
        out.flush();
        return 0;
    }
}
