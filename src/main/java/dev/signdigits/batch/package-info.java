/**
 * Batch prediction over archives of photos: what a job is ({@link dev.signdigits.batch.BatchJob}),
 * what it reports ({@link dev.signdigits.batch.BatchResult}), and the engine that runs it, found
 * at run time ({@link dev.signdigits.batch.BatchRunner}). The engine is Apache Spark, built in the
 * separate {@code spark/} module so that the CLI and the server never carry Spark.
 */
package dev.signdigits.batch;
