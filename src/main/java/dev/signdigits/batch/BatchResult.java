package dev.signdigits.batch;

/**
 * What a finished batch job reports.
 *
 * @param output      where the Parquet files are
 * @param modelId     the model that predicted (from the exported file's metadata)
 * @param runtime     the runtime that ran it
 * @param handFraming the hand locator the model records ("off", or its variant and crop), as it ran
 * @param photos      rows written: one per input photo
 * @param failed      photos that could not be read or decoded (their row carries the error)
 * @param noHand      photos read in which the model's hand locator found no hand (no digit, a reason)
 * @param partitions  Spark partitions the photos were split into
 * @param jobSeconds  from listing the input to the committed output
 * @param notSure     photos classified below the job's confidence floor (no digit, {@code not_sure} true)
 */
public record BatchResult(String output, String modelId, String runtime, String handFraming, long photos, long failed, long noHand,
                          int partitions, double jobSeconds, long notSure) {

    /** A result without "not sure" answers (a job run without a confidence floor). */
    public BatchResult(String output, String modelId, String runtime, String handFraming, long photos, long failed,
                       long noHand, int partitions, double jobSeconds) {
        this(output, modelId, runtime, handFraming, photos, failed, noHand, partitions, jobSeconds, 0);
    }

    /** Photos with a digit. */
    public long predicted() {
        return photos - failed - noHand - notSure;
    }

    public double photosPerSecond() {
        return jobSeconds > 0 ? photos / jobSeconds : 0;
    }
}
