package dev.signdigits.batch;

/**
 * The engine that runs a {@link BatchJob}. The Spark module provides the implementation as a
 * {@link java.util.ServiceLoader} service; the core only knows this interface, so neither the CLI
 * jar nor the server carry Spark.
 */
public interface BatchRunner {

    /**
     * Runs the job to its committed output.
     *
     * @throws dev.signdigits.SignDigitsException for problems the user can fix (a missing model, an
     *         output that exists, an input without photos); a photo that cannot be decoded is never
     *         one of them: its row carries the error
     */
    BatchResult run(BatchJob job);
}
