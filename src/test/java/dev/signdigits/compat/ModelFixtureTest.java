package dev.signdigits.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.DigitReader;
import dev.signdigits.DigitReading;
import dev.signdigits.SignDigits;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.runtime.TensorClassifier;
import dev.signdigits.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model directory that version 0.1 wrote ({@link ModelFixture}) still loads with today's
 * loader and gives the same answers: the same top-1 and every probability within 1e-5, for real
 * photos through today's image pipeline and for synthetic tensors straight into the network.
 */
class ModelFixtureTest {
    private static final double TOLERANCE = 1e-5;
    private static List<String> labels;
    private static Map<String, ExpectedRow> expected;

    @BeforeAll
    static void readExpected() throws IOException {
        List<String> lines = Files.readAllLines(ModelFixture.DIR.resolve(ModelFixture.EXPECTED));
        labels = List.of(lines.get(0).replace("input,top1,", "").replace("p", "").split(","));
        expected = new LinkedHashMap<>();
        lines.stream().skip(1).map(ExpectedRow::parse).forEach(row -> expected.put(row.input(), row));
    }

    @Test
    void fixtureHoldsTheModelAndAnAnswerForEveryInputAndStaysUnderOneMegabyte() throws IOException {
        for (String file : ModelFixture.MODEL_FILES) {
            assertThat(ModelFixture.DIR.resolve(file)).isRegularFile();
        }
        List<String> inputs = new ArrayList<>(ModelFixture.PHOTOS);
        ModelFixture.TENSOR_SEEDS.forEach(seed -> inputs.add(ModelFixture.tensorName(seed)));
        assertThat(expected.keySet()).containsExactlyElementsOf(inputs);
        assertThat(labels).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        try (Stream<Path> files = Files.walk(ModelFixture.DIR)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(ModelFixtureTest::size).sum();
            assertThat(bytes).isLessThan(ModelFixture.MAX_BYTES);
        }
    }

    @Test
    void photosReadThroughThePublicApiGiveTheRecordedAnswers() {
        try (DigitReader reader = SignDigits.options().runtime("djl").open(ModelFixture.DIR)) {
            assertThat(reader.labels()).isEqualTo(labels);
            for (String photo : ModelFixture.PHOTOS) {
                DigitReading reading = reader.read(TinyModel.MIRROR.resolve(photo));
                ExpectedRow row = expected.get(photo);
                assertThat(reading.digit()).as(photo + " top-1").isEqualTo(row.top1());
                for (DigitReading.Candidate candidate : reading.ranked()) {
                    assertThat(candidate.probability()).as(photo + " p(" + candidate.label() + ")")
                            .isCloseTo(row.probabilities()[labels.indexOf(candidate.label())], within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void syntheticTensorsGiveTheRecordedProbabilities() {
        try (DigitClassifier classifier = DigitClassifiers.open("djl", ModelFixture.DIR)) {
            assertThat(classifier).isInstanceOf(TensorClassifier.class);
            int size = classifier.info().inputSize();
            assertThat(size).isEqualTo(128);
            for (int seed : ModelFixture.TENSOR_SEEDS) {
                float[] p = ((TensorClassifier) classifier).classifyTensor(ModelFixture.tensor(seed, size), 1).get(0);
                ExpectedRow row = expected.get(ModelFixture.tensorName(seed));
                assertThat(ExpectedRow.of(row.input(), labels, p).top1()).as(row.input() + " top-1").isEqualTo(row.top1());
                for (int i = 0; i < p.length; i++) {
                    assertThat((double) p[i]).as(row.input() + " p(" + labels.get(i) + ")")
                            .isCloseTo(row.probabilities()[i], within(TOLERANCE));
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
