/**
 * Batch prediction on Apache Spark: {@link dev.signdigits.spark.SparkBatchRunner} lists photos with
 * Spark's binary file source, predicts each partition with one model instance
 * ({@link dev.signdigits.spark.PredictPartition}) and writes Parquet atomically
 * ({@link dev.signdigits.spark.ParquetOutput}). {@link dev.signdigits.spark.SparkBatchMain} is the
 * entry point for the launcher and for spark-submit.
 */
package dev.signdigits.spark;
