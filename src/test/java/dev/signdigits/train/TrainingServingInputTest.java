package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.ModelInput;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.web.ProjectImageDecoder;
import dev.signdigits.web.ServerConfig;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same photo through the training path (bulk decode, what training keeps in memory, the plain
 * variant of the feature extractor) and through the serving path (the service's byte decoder, the
 * model's input preparation that every runtime calls) gives the identical input tensor.
 */
class TrainingServingInputTest {
    private static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");

    @ParameterizedTest(name = "{0} at {1} px, hand locator {2}")
    @CsvSource({
        "7/IMG_5874.JPG, 160, off", // 3024x3024 iPhone photo with EXIF orientation 6
        "7/IMG_5874.JPG, 224, off",
        "3/IMG_1121.JPG, 160, off", // 100x100, as most of the dataset
        "3/IMG_1121.JPG, 128, off",
        "7/IMG_5874.JPG, 160, auto", // the hand crop: located once in training, again at serving
        "3/IMG_1121.JPG, 160, auto",
        "3/IMG_1121.JPG, 224, lite",
    })
    void trainingAndServingPrepareIdenticalTensors(String file, int inputSize, String hand) throws Exception {
        ModelInput input = Preprocessing.MINUS_ONE_TO_ONE.at(inputSize);
        // What a trained model records and serves with is the input training used.
        assertThat(Preprocessing.of(input).at(inputSize)).isEqualTo(input);

        DatasetIndex index = ImageFolder.scan(MIRROR);
        LabeledFile labeled = index.entries().stream().filter(e -> e.relativePath().equals(file)).findFirst().orElseThrow();
        // what the model records, and what a loader rebuilds from it: a separate framing instance
        HandFramingSpec spec = HandFramingSpec.parse(hand);
        Map<String, String> recorded = spec.toProperties(inputSize);
        BufferedImage inMemory;
        try (HandFraming training = HandFraming.open(spec, inputSize, Path.of("models"))) {
            BulkDecoder.BulkResult<FramedPhoto> kept = new BulkDecoder(new ImageDecoder(), 1)
                    .decodeAll(index, List.of(labeled), (f, image) -> TrainingDataLoader.kept(image, training), null);
            assertThat(kept.items()).hasSize(1);
            assertThat(kept.items().get(0).value().readable()).isTrue();
            inMemory = kept.items().get(0).value().image();
        }
        float[] training = FeatureExtractor.prepare(input, List.of(inMemory), 8, Augmentation.defaults(true), 42L, true, 0, 1);

        BufferedImage served = new ProjectImageDecoder(ServerConfig.builder().build().maxPixels())
                .decode(Files.readAllBytes(MIRROR.resolve(file)), file);
        float[] serving;
        try (HandFraming framing = HandFraming.forModel(recorded, "model.json", inputSize)) {
            assertThat(framing.spec()).isEqualTo(spec);
            FramedPhoto framed = framing.frame(served);
            assertThat(framed.handResult().isPresent()).isEqualTo(spec.on());
            serving = input.toBatch(List.of(framed.image()));
        }
        if (spec.on()) {
            // the crop is taken at the input edge: framing and resizing leave it as it is
            assertThat(inMemory.getWidth()).isEqualTo(inputSize);
        }

        assertThat(training).hasSize(3 * inputSize * inputSize);
        assertThat(serving).isEqualTo(training);
        // The photo is upright: training keeps a portrait-true square, not the stored sideways one.
        assertThat(inMemory.getWidth()).isEqualTo(inMemory.getHeight());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"7/IMG_5874.JPG", "3/IMG_1121.JPG"})
    void framingIsIdempotent(String file) {
        ModelInput input = Preprocessing.MINUS_ONE_TO_ONE.at(160);
        BufferedImage photo = new ImageDecoder().decode(MIRROR.resolve(file)).rgb();
        BufferedImage framed = input.frame(photo);
        BufferedImage twice = input.frame(framed);
        assertThat(twice.getWidth()).isEqualTo(framed.getWidth());
        assertThat(pixels(twice)).isEqualTo(pixels(framed));
        assertThat(input.toChw(framed)).isEqualTo(input.toChw(photo));
        assertThat(framed.getWidth()).isLessThan(2 * 160 + 2);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
