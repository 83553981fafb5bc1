package dev.signdigits.spark;

import dev.signdigits.cli.BatchCommand;
import dev.signdigits.cli.Main;

/**
 * {@code signdigits batch} with Spark on the class path: the entry point of {@code ./signdigits batch}
 * and of {@code spark-submit signdigits-spark-app.jar ...}. Runs only the batch command, with the
 * same options, environment variables, {@code .env}, error messages and exit codes as the CLI.
 */
public final class SparkBatchMain {
    private SparkBatchMain() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code batch} with these arguments; returns the exit code. */
    public static int execute(String... args) {
        return Main.newCommandLine(new BatchCommand(), Main.processDefaults()).setCommandName("signdigits batch")
                .execute(args);
    }
}
