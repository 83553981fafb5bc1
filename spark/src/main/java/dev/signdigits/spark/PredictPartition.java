package dev.signdigits.spark;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
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
 * Predicts one partition of photo rows ({@code path}): opens one classifier for the partition, reads,
 * decodes and classifies the photos in batches of {@code batchSize} as Spark pulls the rows, and
 * closes the classifier when the rows run out or the task ends, whether it succeeded or failed.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelFile model;
    private final Broadcast<SerializableHadoopConf> hadoopConf;
    private final LongAccumulator failed;
    private final int topK;
    private final int batchSize;
    private final int threads;

    PredictPartition(ModelFile model, Broadcast<SerializableHadoopConf> hadoopConf, LongAccumulator failed, int topK,
                     int batchSize, int threads) {
        this.model = model;
        this.hadoopConf = hadoopConf;
        this.failed = failed;
        this.topK = topK;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ImagePlugins.register();
        DigitClassifier classifier = model.open(threads);
        TaskContext task = TaskContext.get();
        if (task != null) { // also when the task fails or is killed while rows are still being pulled
            task.addTaskCompletionListener((TaskCompletionListener) context -> classifier.close());
        }
        return predict(rows, classifier, hadoopConf.value().get(), failed, topK, batchSize);
    }

    /**
     * The prediction rows for photo rows ({@code path}), produced as they are pulled, counting the
     * photos that could not be read in {@code failed}; closes {@code classifier} once the last row is
     * out or reading the rows fails.
     */
    static Iterator<Row> predict(Iterator<Row> rows, DigitClassifier classifier, Configuration conf,
                                 LongAccumulator failed, int topK, int batchSize) {
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
        Iterator<PhotoPrediction> predictions = new PhotoPredictor(classifier, new ImageDecoder(), batchSize)
                .stream(photos, topK);
        return new ClosingRows(predictions, classifier, failed);
    }

    /** The prediction rows; closes the classifier as soon as the last one has been produced. */
    private static final class ClosingRows implements Iterator<Row> {
        private final Iterator<PhotoPrediction> predictions;
        private final DigitClassifier classifier;
        private final LongAccumulator failed;
        private final String modelId;

        ClosingRows(Iterator<PhotoPrediction> predictions, DigitClassifier classifier, LongAccumulator failed) {
            this.predictions = predictions;
            this.classifier = classifier;
            this.failed = failed;
            this.modelId = classifier.info().id();
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = predictions.hasNext();
            } catch (RuntimeException | Error e) {
                classifier.close();
                throw e;
            }
            if (!more) {
                classifier.close();
            }
            return more;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PhotoPrediction prediction = predictions.next();
            if (!prediction.ok()) {
                failed.add(1);
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
