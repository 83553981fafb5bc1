package dev.signdigits.spark;

import dev.signdigits.batch.BatchJob;
import dev.signdigits.batch.BatchResult;
import dev.signdigits.batch.BatchRunner;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.runtime.DigitClassifier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch job on Spark (registered as the {@link BatchRunner} service): checks the model and
 * the output (and, for a model trained with the hand locator, its hand model files) before any
 * work, lists the photos, predicts each partition with its own classifier and framing, and writes
 * the Parquet table atomically.
 */
public final class SparkBatchRunner implements BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SparkBatchRunner.class);

    @Override
    public BatchResult run(BatchJob job) {
        ModelFile model = ModelFile.resolve(job.model(), job.runtime());
        SparkSession spark = SparkSessions.start(job.master());
        try {
            return run(spark, job, model);
        } finally {
            spark.stop();
        }
    }

    static BatchResult run(SparkSession spark, BatchJob job, ModelFile model) {
        long start = System.nanoTime();
        ParquetOutput output = new ParquetOutput(spark, job.output(), job.overwrite());
        output.checkWritable();
        model.ship(spark.sparkContext());
        String modelId;
        HandFramingSpec hands;
        try (DigitClassifier check = model.open(1)) {
            modelId = check.info().id();
            hands = HandModelFiles.ship(spark.sparkContext(), check.info(), job.handModels());
            HandModelFiles.open(check).close(); // the shipped hand model files load, before any photo is read
        }
        PhotoListing listing = PhotoListing.of(spark, job.input(), job.partitionSize());
        LOG.info("Predicting {} photos in {} partitions with {} ({}, hand locator {}) on {}", listing.count(),
                listing.partitions(), modelId, model.runtime(), hands, spark.sparkContext().master());
        Broadcast<SerializableHadoopConf> hadoopConf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration()));
        // Counted while writing: a result stage applies each task's update once, retries and speculation included.
        PredictPartition.Counters counters = new PredictPartition.Counters(
                spark.sparkContext().longAccumulator("photos that could not be read"),
                spark.sparkContext().longAccumulator("photos without a hand"),
                spark.sparkContext().longAccumulator("photos not sure"));
        Dataset<Row> rows = listing.photos().mapPartitions(
                new PredictPartition(model, hadoopConf, counters, job.topK(), job.batchSize(), job.taskThreads(),
                        job.minConfidence()),
                PredictionRows.ENCODER);
        output.write(rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BatchResult(output.target().toString(), modelId, model.runtime(), hands.toString(), listing.count(),
                counters.failed().value(), counters.noHand().value(), listing.partitions(), seconds,
                counters.notSure().value());
    }
}
