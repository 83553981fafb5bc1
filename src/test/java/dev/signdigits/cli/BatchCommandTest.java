package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.batch.BatchJob;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code signdigits batch} in the core alone: its options resolve like every command's, and without
 * the Spark module on the class path it says how to run it instead of failing obscurely. The job
 * itself is tested in spark/ (local[2], real photos, real model).
 */
class BatchCommandTest {

    @Test
    void withoutSparkOnTheClassPathItSaysWhereBatchRuns() {
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(Map.of(), DotEnv.empty()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("batch", "--model", "model-int8.tflite", "--input", "photos", "--output", "out");
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).startsWith("error: batch runs on Apache Spark").contains("./signdigits batch",
                "spark-submit", "docs/batch.md").doesNotContain("\tat ");
    }

    @Test
    void optionsComeFromFlagsEnvironmentAndDotEnvAndAreChecked() {
        DotEnv dotEnv = DotEnv.parse(Path.of(".env"), List.of("SIGNDIGITS_PARTITION_SIZE=250", "SIGNDIGITS_MASTER=local[2]"));
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(Map.of("SIGNDIGITS_INPUT", "/archive/*.jpg",
                "SIGNDIGITS_HAND_MODELS", "/opt/hands"), dotEnv));
        BatchCommand command = cli.parseArgs("batch", "--output", "out", "--runtime", "ONNX").subcommand()
                .commandSpec().commandLine().getCommand();
        BatchJob job = command.job();
        assertThat(job).isEqualTo(new BatchJob("models/finetuned/latest", "onnx", "/archive/*.jpg", "out", "local[2]", 3,
                16, 250, 1, false, Path.of("/opt/hands").toAbsolutePath().toString()));
        assertThat(job.minConfidence()).isEqualTo(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE);
        BatchCommand strict = cli.parseArgs("batch", "--output", "out", "--min-confidence", "0.9").subcommand()
                .commandSpec().commandLine().getCommand();
        assertThat(strict.job().minConfidence()).isEqualTo(0.9);

        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("batch", "--output", "out", "--partition-size", "0")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --partition-size must be at least 1, got 0." + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(cli.execute("batch", "--output", "out", "--min-confidence", "1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --min-confidence must be at least 0 and below 1 (0 turns it off;"
                + " default " + ConfidenceFloor.DEFAULT_MIN_CONFIDENCE + "), got 1.0." + System.lineSeparator());
    }
}
