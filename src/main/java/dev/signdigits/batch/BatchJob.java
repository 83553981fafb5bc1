package dev.signdigits.batch;

import dev.signdigits.predict.ConfidenceFloor;

/**
 * One batch prediction job, validated by the command line.
 *
 * @param model         an exported .tflite or .onnx file, or a model directory holding one; a local
 *                      path or any URI the engine's file systems read (hdfs://, s3a://, ...)
 * @param runtime       tflite, tflite-float16, tflite-int8 or onnx; or "auto": by the file's
 *                      extension, and for a directory its int8 TFLite export
 * @param input         a directory (searched recursively), a file, or a glob such as {@code frames/*}{@code /*.jpg}
 * @param output        the Parquet directory to write; must not exist unless {@code overwrite}
 * @param master        the Spark master URL; empty means the one spark-submit set, else {@code local[*]}
 * @param topK          probabilities kept per photo, most probable first
 * @param batchSize     photos per inference call within a partition
 * @param partitionSize photos per partition at most: each partition opens the model once
 * @param taskThreads   threads one inference call may use inside each task
 * @param overwrite     replace an existing output directory
 * @param handModels    for a model trained with the hand locator: the local directory holding its
 *                      MediaPipe files, or null to find them as every command does (models/raw, the
 *                      offline mirror, a download); whether the locator runs is the model's choice
 * @param minConfidence the {@link ConfidenceFloor}: a photo whose most probable digit has a lower
 *                      probability is "not sure" (no digit, {@code not_sure} true); 0 turns it off
 */
public record BatchJob(String model, String runtime, String input, String output, String master, int topK,
                       int batchSize, int partitionSize, int taskThreads, boolean overwrite, String handModels,
                       double minConfidence) {
    public static final String AUTO_RUNTIME = "auto";

    /** A job with the default confidence floor ({@link ConfidenceFloor#DEFAULT_MIN_CONFIDENCE}). */
    public BatchJob(String model, String runtime, String input, String output, String master, int topK,
                    int batchSize, int partitionSize, int taskThreads, boolean overwrite, String handModels) {
        this(model, runtime, input, output, master, topK, batchSize, partitionSize, taskThreads, overwrite, handModels,
                ConfidenceFloor.DEFAULT_MIN_CONFIDENCE);
    }
}
