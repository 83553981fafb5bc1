package dev.signdigits.spark;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Predicts one partition of photo rows ({@code path}): opens one classifier and the model's hand
 * framing (its locators, when the model was trained with one) for the partition, reads, decodes,
 * frames and classifies the photos in batches of {@code batchSize} as Spark pulls the rows, applies
 * the job's confidence floor (a photo below it is "not sure"), and closes both when the rows run out
 * or the task ends, whether it succeeded or failed.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelFile model;
    private final Broadcast<SerializableHadoopConf> hadoopConf;
    private final Counters counters;
    private final int topK;
    private final int batchSize;
    private final int threads;
    private final double minConfidence;

    /**
     * What the job counts as rows are written (Spark applies each task's update once).
     *
     * @param failed  photos that could not be read
     * @param noHand  photos read in which the hand locator found no hand
     * @param notSure photos classified below the confidence floor
     */
    record Counters(LongAccumulator failed, LongAccumulator noHand, LongAccumulator notSure)
            implements java.io.Serializable {

        /** Counters whose "not sure" count is not read (a partition predicted without a floor). */
        Counters(LongAccumulator failed, LongAccumulator noHand) {
            this(failed, noHand, new LongAccumulator());
        }
    }

    /** @param minConfidence the job's {@link ConfidenceFloor} value (0: off) */
    PredictPartition(ModelFile model, Broadcast<SerializableHadoopConf> hadoopConf, Counters counters, int topK,
                     int batchSize, int threads, double minConfidence) {
        this.model = model;
        this.hadoopConf = hadoopConf;
        this.counters = counters;
        this.topK = topK;
        this.batchSize = batchSize;
        this.threads = threads;
        this.minConfidence = minConfidence;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ImagePlugins.register();
        PartitionModel partitionModel = PartitionModel.open(model.open(threads), HandModelFiles::open);
        TaskContext task = TaskContext.get();
        if (task != null) { // also when the task fails or is killed while rows are still being pulled
            task.addTaskCompletionListener((TaskCompletionListener) context -> partitionModel.close());
        }
        return predict(rows, partitionModel, hadoopConf.value().get(), counters, topK, batchSize,
                ConfidenceFloor.of(minConfidence));
    }

    /** As {@link #predict(Iterator, PartitionModel, Configuration, Counters, int, int, ConfidenceFloor)} without a floor. */
    static Iterator<Row> predict(Iterator<Row> rows, PartitionModel partitionModel, Configuration conf,
                                 Counters counters, int topK, int batchSize) {
        return predict(rows, partitionModel, conf, counters, topK, batchSize, ConfidenceFloor.OFF);
    }

    /**
     * The prediction rows for photo rows ({@code path}), produced as they are pulled, counting the
     * photos that could not be read, those without a hand and those below {@code floor} (not sure)
     * in {@code counters}; closes {@code partitionModel} once the last row is out or reading the rows fails.
     */
    static Iterator<Row> predict(Iterator<Row> rows, PartitionModel partitionModel, Configuration conf,
                                 Counters counters, int topK, int batchSize, ConfidenceFloor floor) {
        Iterator<HadoopPhoto> photos = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public HadoopPhoto next() {
                Row row = rows.next();
                return new HadoopPhoto(row.getString(0), conf);
            }
        };
        Iterator<PhotoPrediction> predictions = new PhotoPredictor(partitionModel.classifier(), new ImageDecoder(),
                batchSize, partitionModel.framing()).stream(photos, topK);
        return new ClosingRows(predictions, partitionModel, counters, floor);
    }

    /** The prediction rows; closes the partition's model as soon as the last one has been produced. */
    private static final class ClosingRows implements Iterator<Row> {
        private final Iterator<PhotoPrediction> predictions;
        private final PartitionModel partitionModel;
        private final Counters counters;
        private final String modelId;
        private final ConfidenceFloor floor;

        ClosingRows(Iterator<PhotoPrediction> predictions, PartitionModel partitionModel, Counters counters,
                    ConfidenceFloor floor) {
            this.predictions = predictions;
            this.floor = floor;
            this.partitionModel = partitionModel;
            this.counters = counters;
            this.modelId = partitionModel.classifier().info().id();
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = predictions.hasNext();
            } catch (RuntimeException | Error e) {
                partitionModel.close();
                throw e;
            }
            if (!more) {
                partitionModel.close();
            }
            return more;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PhotoPrediction prediction = predictions.next().withMinConfidence(floor);
            if (!prediction.ok()) {
                counters.failed().add(1);
            } else if (prediction.noHand()) {
                counters.noHand().add(1);
            } else if (prediction.notSure()) {
                counters.notSure().add(1);
            }
            return PredictionRows.of(prediction, modelId);
        }
    }

    /**
     * ImageIO finds decoder plugins (TwelveMonkeys' CMYK JPEG reader) once per JVM through the class
     * loader it first sees; on an executor the application jar arrives later, in the task's loader.
     */
    private static final class ImagePlugins {
        private static volatile boolean registered;

        static void register() {
            if (!registered) {
                synchronized (ImagePlugins.class) {
                    if (!registered) {
                        ImageIO.scanForPlugins();
                        registered = true;
                    }
                }
            }
        }
    }
}
