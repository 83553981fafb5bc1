package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.batch.BatchJob;
import dev.signdigits.batch.BatchResult;
import dev.signdigits.batch.BatchRunners;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signdigits batch}: predicts a whole archive of photos on Apache Spark and writes Parquet.
 * The options live here so that help, environment variables and {@code .env} work as for every
 * command; the engine comes from the spark/ module at run time (see {@link BatchRunners}).
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Predict every photo under a path or glob with Apache Spark and write Parquet: path, digit,"
                + " confidence, top-k probabilities, model id, and an error for photos that could not be read (the job"
                + " still succeeds). A model trained with the hand locator runs it on every photo (hand_found, hand_box;"
                + " no hand: no digit and a reason). Below --min-confidence a photo is not sure (no digit, not_sure"
                + " true). Runs locally (--master local[*]) or on a cluster; see docs/batch.md.")
public final class BatchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest", paramLabel = "FILE|DIR",
            description = "Exported .tflite or .onnx file (see 'signdigits export'), or a model directory holding one;"
                    + " a local path or a URI the cluster can read (hdfs://, s3a://). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--runtime", defaultValue = BatchJob.AUTO_RUNTIME,
            description = "tflite, tflite-float16, tflite-int8 or onnx; auto picks by the file's extension, and for a"
                    + " directory its model-int8.tflite. Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--input", defaultValue = "", paramLabel = "PATH|GLOB",
            description = "Photos to predict: a directory (searched recursively), a file or a glob such as"
                    + " 'frames/*/*.jpg'; files without an image extension are skipped.")
    String input;

    @Option(names = "--output", defaultValue = "", paramLabel = "DIR",
            description = "Parquet directory to write (written to a temporary sibling, then renamed into place).")
    String output;

    @Option(names = "--overwrite", description = "Replace --output if it exists (default: refuse).")
    boolean overwrite;

    @Option(names = "--master", defaultValue = "", paramLabel = "URL",
            description = "Spark master: local[*], local[N], spark://HOST:7077 or k8s://https://HOST:443;"
                    + " default: the one spark-submit set, else local[*].")
    String master;

    @Option(names = "--top-k", defaultValue = "3", description = "How many digits to list per photo.")
    int topK;

    @CommandLine.Mixin
    MinConfidenceOption minConfidence;

    @Option(names = "--predict-batch-size", defaultValue = "16", description = "Photos per forward pass.")
    int batchSize;

    @Option(names = "--partition-size", defaultValue = "1000", paramLabel = "PHOTOS",
            description = "Most photos per Spark partition; each partition opens the model once. Default: ${DEFAULT-VALUE}.")
    int partitionSize;

    @Option(names = "--task-threads", defaultValue = "1",
            description = "Threads each Spark task's inference call may use; Spark already runs one task per core."
                    + " Default: ${DEFAULT-VALUE}.")
    int taskThreads;

    @Option(names = "--hand-models", paramLabel = "DIR",
            description = "Local directory holding the MediaPipe hand model files, for models trained with --hand-locator"
                    + " (shipped to the executors with the model; default: models/raw/mediapipe-hands, then the offline"
                    + " mirror, then a download). Whether the locator runs is the model's choice, not an option.")
    Path handModels;

    @Override
    public Integer call() {
        BatchJob job = job();
        BatchResult result = BatchRunners.find().run(job);
        PrintWriter out = spec.commandLine().getOut();
        String noHand = result.handFraming().equals("off") ? ""
                : String.format(Locale.ROOT, " %,d without a hand (see the reason column),", result.noHand());
        String notSure = job.minConfidence() == 0 ? ""
                : String.format(Locale.ROOT, " %,d not sure (below --min-confidence %s),", result.notSure(),
                        job.minConfidence());
        out.printf(Locale.ROOT, "Wrote %,d rows to %s: %,d predicted,%s%s %,d could not be read (see the error column).%n",
                result.photos(), result.output(), result.predicted(), noHand, notSure, result.failed());
        out.printf(Locale.ROOT, "Model %s (%s), hand locator %s, %d partitions, %.1f s (%.0f photos/s).%n",
                result.modelId(), result.runtime(), result.handFraming(), result.partitions(), result.jobSeconds(),
                result.photosPerSecond());
        out.flush();
        return 0;
    }

    BatchJob job() {
        require(!input.isBlank(), "--input is missing: pass the photos to predict (a directory, file or glob).");
        require(!output.isBlank(), "--output is missing: pass the Parquet directory to write.");
        require(!model.isBlank(), "--model is empty: pass an exported .tflite or .onnx file.");
        require(topK >= 1 && topK <= 10, "--top-k must be between 1 and 10, got " + topK + ".");
        require(batchSize >= 1, "--predict-batch-size must be at least 1, got " + batchSize + ".");
        require(partitionSize >= 1, "--partition-size must be at least 1, got " + partitionSize + ".");
        require(taskThreads >= 1, "--task-threads must be at least 1, got " + taskThreads + ".");
        return new BatchJob(model.strip(), runtime.strip().toLowerCase(Locale.ROOT), input.strip(), output.strip(),
                master.strip(), topK, batchSize, partitionSize, taskThreads, overwrite,
                handModels == null ? null : handModels.toAbsolutePath().normalize().toString(),
                minConfidence.floor().value());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new SignDigitsException(message);
        }
    }
}
