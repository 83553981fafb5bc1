package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-partition predictor without Spark around it: one real classifier, closed at the end or on failure. */
class PredictPartitionTest {
    @TempDir
    Path tmp;

    @Test
    void predictsInInputOrderAndClosesTheClassifierAfterTheLastRow() throws Exception {
        List<Path> files = TestPhotos.create(tmp, 2);
        List<Row> rows = files.stream().map(f -> RowFactory.create("file:" + f)).toList();
        DigitClassifier classifier = DigitClassifiers.open("tflite-int8", TestModel.int8(), 1);

        List<Row> out = new ArrayList<>();
        LongAccumulator failed = new LongAccumulator();
        PredictPartition.predict(rows.iterator(), classifier, new Configuration(), failed, 3, 4).forEachRemaining(out::add);

        assertThat(out).extracting(r -> r.getString(0)).containsExactlyElementsOf(rows.stream().map(r -> r.getString(0)).toList());
        int error = PredictionRows.SCHEMA.fieldIndex("error");
        assertThat(out).filteredOn(r -> !r.isNullAt(error)).hasSize(TestPhotos.BAD.size());
        assertThat(failed.value()).isEqualTo(TestPhotos.BAD.size());
        assertClosed(classifier);
    }

    @Test
    void closesTheClassifierWhenReadingTheRowsFails() throws Exception {
        Path photo = TestPhotos.create(tmp, 1).get(0);
        Iterator<Row> failing = new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Row next() {
                if (served++ == 2) {
                    throw new IllegalStateException("the input stream broke");
                }
                return RowFactory.create("file:" + photo);
            }
        };
        DigitClassifier classifier = DigitClassifiers.open("tflite-int8", TestModel.int8(), 1);
        Iterator<Row> out = PredictPartition.predict(failing, classifier, new Configuration(), new LongAccumulator(), 3, 16);

        assertThatThrownBy(out::hasNext).hasMessage("the input stream broke");
        assertClosed(classifier);
    }

    private static void assertClosed(DigitClassifier classifier) {
        assertThatThrownBy(() -> classifier.classify(List.of(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
