package dev.signdigits.batch;

/**
 * What a finished batch job reports.
 *
 * @param output      where the Parquet files are
 * @param modelId     the model that predicted (from the exported file's metadata)
 * @param runtime     the runtime that ran it
 * @param photos      rows written: one per input photo
 * @param failed      photos that could not be read or decoded (their row carries the error)
 * @param partitions  Spark partitions the photos were split into
 * @param jobSeconds  from listing the input to the committed output
 */
public record BatchResult(String output, String modelId, String runtime, long photos, long failed, int partitions,
                          double jobSeconds) {

    public long predicted() {
        return photos - failed;
    }

    public double photosPerSecond() {
        return jobSeconds > 0 ? photos / jobSeconds : 0;
    }
}
