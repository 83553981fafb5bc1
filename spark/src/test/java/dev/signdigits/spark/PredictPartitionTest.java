package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
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

/**
 * The per-partition predictor without Spark around it: one real classifier and the model's framing
 * (with the hand locator's interpreters for a hand-locator model), closed at the end or on failure.
 */
class PredictPartitionTest {
    @TempDir
    Path tmp;

    @Test
    void predictsInInputOrderAndClosesTheClassifierAfterTheLastRow() throws Exception {
        List<Path> files = TestPhotos.create(tmp, 2);
        List<Row> rows = files.stream().map(f -> RowFactory.create("file:" + f)).toList();
        PartitionModel model = open(TestModel.int8());

        List<Row> out = new ArrayList<>();
        PredictPartition.Counters counters = counters();
        PredictPartition.predict(rows.iterator(), model, new Configuration(), counters, 3, 4).forEachRemaining(out::add);

        assertThat(out).extracting(r -> r.getString(0)).containsExactlyElementsOf(rows.stream().map(r -> r.getString(0)).toList());
        int error = PredictionRows.SCHEMA.fieldIndex("error");
        assertThat(out).filteredOn(r -> !r.isNullAt(error)).hasSize(TestPhotos.BAD.size());
        assertThat(counters.failed().value()).isEqualTo(TestPhotos.BAD.size());
        assertThat(counters.noHand().value()).isZero();
        assertThat(out).as("a whole-photo model looks for no hand")
                .allSatisfy(r -> assertThat(r.isNullAt(PredictionRows.SCHEMA.fieldIndex("hand_found"))).isTrue());
        assertThat(out).filteredOn(r -> r.isNullAt(error)).as("without a floor every read photo has its digit")
                .allSatisfy(r -> assertThat(r.<Boolean>getAs(PredictionRows.SCHEMA.fieldIndex("not_sure"))).isFalse());
        assertClosed(model);
    }

    @Test
    void belowTheFloorARowIsNotSureWithoutADigitKeepsItsRankingAndIsCounted() throws Exception {
        List<Path> files = TestPhotos.create(tmp, 1);
        List<Row> rows = files.stream().map(f -> RowFactory.create("file:" + f)).toList();
        PartitionModel model = open(TestModel.int8());
        PredictPartition.Counters counters = new PredictPartition.Counters(new LongAccumulator(), new LongAccumulator(),
                new LongAccumulator());
        List<Row> out = new ArrayList<>();
        PredictPartition.predict(rows.iterator(), model, new Configuration(), counters, 3, 4, ConfidenceFloor.of(0.9999))
                .forEachRemaining(out::add);

        int error = PredictionRows.SCHEMA.fieldIndex("error");
        int notSure = PredictionRows.SCHEMA.fieldIndex("not_sure");
        assertThat(notSure).as("added at the end: the old columns keep their places").isEqualTo(PredictionRows.SCHEMA.size() - 1);
        List<Row> read = out.stream().filter(r -> r.isNullAt(error)).toList();
        assertThat(read).hasSize(files.size() - TestPhotos.BAD.size());
        List<Row> unsure = read.stream().filter(r -> r.getBoolean(notSure)).toList();
        assertThat(unsure).as("a tiny int8 model is rarely 99.99% sure").isNotEmpty();
        assertThat(counters.notSure().value()).isEqualTo(unsure.size());
        for (Row r : unsure) {
            assertThat(r.<String>getAs(PredictionRows.SCHEMA.fieldIndex("digit"))).isNull();
            Row[] topK = (Row[]) r.get(PredictionRows.SCHEMA.fieldIndex("top_k")); // as built, before any encoder
            assertThat(topK).hasSize(3);
            assertThat(r.<Float>getAs(PredictionRows.SCHEMA.fieldIndex("confidence"))).isEqualTo(topK[0].getFloat(1))
                    .isLessThan(0.9999f);
        }
        assertThat(out).filteredOn(r -> !r.isNullAt(error)).as("a photo that could not be read was never classified")
                .allSatisfy(r -> assertThat(r.isNullAt(notSure)).isTrue());
        assertThat(counters.failed().value()).isEqualTo(TestPhotos.BAD.size());
    }

    @Test
    void closesTheClassifierWhenReadingTheRowsFails() throws Exception {
        Path photo = TestPhotos.create(tmp, 1).get(0);
        PartitionModel model = open(TestModel.int8());
        Iterator<Row> out = PredictPartition.predict(failingAfterTwo(photo), model, new Configuration(), counters(), 3, 16);

        assertThatThrownBy(out::hasNext).hasMessage("the input stream broke");
        assertClosed(model);
    }

    @Test
    void aHandLocatorModelOpensItsLocatorOnceAndClosesItWithTheLastRowOrOnFailure() throws Exception {
        List<Path> files = TestPhotos.create(tmp, 1).subList(0, 10); // one real photo per digit
        List<Row> rows = files.stream().map(f -> RowFactory.create("file:" + f)).toList();
        PartitionModel model = open(TestModel.handInt8());
        assertThat(model.framing().locates()).isTrue();

        Iterator<Row> out = PredictPartition.predict(rows.iterator(), model, new Configuration(), counters(), 3, 4);
        out.next();
        assertThat(model.framing().openLocators()).as("one caller, one locator, reused").isEqualTo(1);
        out.forEachRemaining(r -> { });
        assertThat(model.framing().openLocators()).as("closed with the last row").isZero();
        assertClosed(model);

        PartitionModel failing = open(TestModel.handInt8());
        Iterator<Row> broken = PredictPartition.predict(failingAfterTwo(files.get(0)), failing, new Configuration(),
                counters(), 3, 16);
        assertThatThrownBy(broken::hasNext).hasMessage("the input stream broke");
        assertThat(failing.framing().openLocators()).isZero();
        assertClosed(failing);
    }

    private static PartitionModel open(Path file) {
        DigitClassifier classifier = DigitClassifiers.open("tflite-int8", file, 1);
        return PartitionModel.open(classifier, c -> PhotoPredictor.framingOf(c, TestModel.HAND_MODELS));
    }

    private static PredictPartition.Counters counters() {
        return new PredictPartition.Counters(new LongAccumulator(), new LongAccumulator());
    }

    /** Rows of {@code photo} that break on the third. */
    private static Iterator<Row> failingAfterTwo(Path photo) {
        return new Iterator<>() {
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
    }

    private static void assertClosed(PartitionModel model) {
        assertThat(model.isClosed()).isTrue();
        assertThatThrownBy(() -> model.classifier().classify(List.of(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
