package dev.signdigits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The public Java API on a real trained model ({@link TinyModel}), per runtime, against the tool's own prediction path. */
@Tag("slow")
class DigitReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"djl", "tflite-int8"})
    void readsEachDigitAsTheToolsOwnPredictionPathDoes(String runtime) {
        List<Path> photos = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            photos.add(TinyModel.correctlyClassified(digit, 1).get(0));
        }
        List<PhotoPrediction> expected;
        try (DigitClassifier classifier = DigitClassifiers.open(runtime, TinyModel.dir())) {
            expected = new PhotoPredictor(classifier, new ImageDecoder(), 1).predict(photos, 10);
        }
        try (DigitReader reader = SignDigits.options().runtime(runtime).threads(2).open(TinyModel.dir())) {
            assertThat(reader.runtime()).isEqualTo(runtime);
            assertThat(reader.labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(reader.modelId()).isNotBlank();
            List<DigitReading> batch = reader.readAll(photos);
            for (int i = 0; i < photos.size(); i++) {
                DigitReading reading = reader.read(photos.get(i));
                assertThat(reading.digit()).as(photos.get(i).toString()).isEqualTo(expected.get(i).digit());
                assertThat(reading.probability()).isCloseTo(expected.get(i).confidence(), within(1e-6));
                assertRanked(reading);
                for (int k = 0; k < 10; k++) {
                    assertThat(reading.ranked().get(k).label()).isEqualTo(expected.get(i).topK().get(k).label());
                }
                assertThat(batch.get(i).digit()).isEqualTo(reading.digit());
                assertThat(batch.get(i).probability()).isCloseTo(reading.probability(), within(1e-4));
            }
        }
    }

    @Test
    void aPathItsBytesAndItsDecodedImageReadTheSame() throws IOException {
        Path photo = TinyModel.correctlyClassified(4, 1).get(0);
        try (DigitReader reader = SignDigits.options().runtime("djl").open(TinyModel.dir())) {
            DigitReading fromPath = reader.read(photo);
            assertThat(reader.read(Files.readAllBytes(photo))).isEqualTo(fromPath);

            BufferedImage decoded = ImageIO.read(photo.toFile());
            assertThat(reader.read(decoded)).isEqualTo(reader.read(png(decoded)));
            assertThat(reader.read(decoded).digit()).isEqualTo("4");

            BufferedImage grey = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            grey.getGraphics().drawImage(decoded, 0, 0, null);
            assertThat(reader.read(grey)).as("a grey image is read as the decoder reads a grey file")
                    .isEqualTo(reader.read(png(grey)));
        }
    }

    @Test
    void oneReaderServesManyThreadsWithTheSameAnswers() throws Exception {
        List<Path> photos = List.of(TinyModel.correctlyClassified(2, 1).get(0), TinyModel.correctlyClassified(8, 1).get(0));
        try (DigitReader reader = SignDigits.options().runtime("tflite-int8").concurrency(2).threads(1).open(TinyModel.dir())) {
            List<DigitReading> alone = reader.readAll(photos);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<DigitReading>> results = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    Path photo = photos.get(i % 2);
                    results.add(pool.submit(() -> reader.read(photo)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).isEqualTo(alone.get(i % 2));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void badInputIsOneSentenceNamingTheFileOrValue() {
        Path missingModel = Path.of("target", "no-such-model");
        assertThatThrownBy(() -> SignDigits.open(missingModel)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(missingModel.toString()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SignDigits.options().runtime("tensorrt").open(TinyModel.dir()))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("'tensorrt'");
        assertThatThrownBy(() -> SignDigits.options().threads(-1)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("-1");

        DigitReader reader = SignDigits.options().runtime("tflite-int8").open(TinyModel.dir());
        try (reader) {
            Path missingPhoto = Path.of("target", "no-such-photo.jpg");
            assertThatThrownBy(() -> reader.read(missingPhoto)).isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining(missingPhoto.toString());
            assertThatThrownBy(() -> reader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining("not an image");
            assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining("empty");
        }
        assertThatThrownBy(() -> reader.read(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static void assertRanked(DigitReading reading) {
        assertThat(reading.ranked()).hasSize(10);
        assertThat(reading.ranked().get(0)).isEqualTo(new DigitReading.Candidate(reading.digit(), reading.probability()));
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            sum += reading.ranked().get(k).probability();
            if (k > 0) {
                assertThat(reading.ranked().get(k).probability()).isLessThanOrEqualTo(reading.ranked().get(k - 1).probability());
            }
        }
        assertThat(sum).isCloseTo(1.0, within(0.02));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
