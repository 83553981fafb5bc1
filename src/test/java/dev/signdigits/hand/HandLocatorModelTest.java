package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.DigitReader;
import dev.signdigits.DigitReading;
import dev.signdigits.SignDigits;
import dev.signdigits.data.split.Split;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained with {@code --hand-locator auto} (the tiny test model, real training on the real
 * photos): what it records, and that every way of running it finds the hand first.
 */
class HandLocatorModelTest {
    private static final Path HAND_MODELS = HandTestData.SHARED.resolve("pretrained").resolve(HandModels.DIRECTORY);

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void theModelRecordsTheLocatorAndEveryRuntimeRunsIt() throws Exception {
        Path model = TinyModel.handDir();
        Map<String, String> provenance = FinetunedModel.readMetadata(model).provenance();
        assertThat(provenance).containsEntry(HandFramingSpec.KEY, "lite").containsEntry(HandFramingSpec.CROP_EDGE, "128")
                .containsKeys("hand_missing_train", "hand_missing_test", "test_accuracy_with_misses");
        assertThat(new ObjectMapper().readTree(model.resolve("config.json").toFile()).get("hand_locator").asText()).isEqualTo("lite");
        List<String> hands = Files.readAllLines(model.resolve("hands.csv"));
        assertThat(hands.get(0)).startsWith("split,file,found,");
        assertThat(hands).hasSize(1 + Integer.parseInt(provenance.get("hand_photos_located")));
        // the int8 export made by train (calibrated on hand crops) carries the spec: its runtime cannot skip it
        for (String runtime : List.of("djl", "tflite-int8")) {
            try (DigitClassifier classifier = DigitClassifiers.open(runtime, model);
                 HandFraming framing = PhotoPredictor.framingOf(classifier)) {
                assertThat(framing.spec()).as(runtime).isEqualTo(HandFramingSpec.parse("auto"));
            }
        }
    }

    @Test
    void theRunTrainsTheHandShapeExportsItAndReportsEveryModelAndTheRobustnessSection() throws Exception {
        Path model = TinyModel.handDir();
        Map<String, String> provenance = FinetunedModel.readMetadata(model).provenance();
        assertThat(provenance).containsKeys(dev.signdigits.shape.Combination.NETWORK_PROPERTY,
                dev.signdigits.shape.Combination.WEIGHT_PROPERTY, dev.signdigits.shape.Combination.TEMPERATURE_PROPERTY,
                "test_accuracy_hand_shape", "test_calibration_error_served");
        // both exports checked against the trained network on every test photo's hand, in the real runtimes
        int hands = Integer.parseInt(provenance.get("test_photos"));
        assertThat(provenance.get("hand_shape_exports"))
                .contains("TFLite " + hands + "/" + hands).contains("ONNX " + hands + "/" + hands);
        assertThat(model.resolve(dev.signdigits.shape.ShapeExports.TFLITE_FILE)).isRegularFile();
        assertThat(model.resolve(dev.signdigits.shape.ShapeExports.ONNX_FILE)).isRegularFile();
        var json = new ObjectMapper().readTree(model.resolve("evaluation.json").toFile()).get("meta");
        assertThat(json.get("models")).extracting(m -> m.get("model").asText())
                .containsExactly("image", "hand shape", "served");
        assertThat(json.get("robustness")).extracting(c -> c.get("name").asText())
                .containsExactly("as is", "grayscale", "blurred", "darkened", "background-replaced", "phone-like");
        String report = Files.readString(model.resolve("report.html"));
        assertThat(report).contains("<section id=\"models\">").contains("<section id=\"robustness\">");
        assertThat(Files.readString(model.resolve("evaluation.txt"))).contains("Per model").contains("Robustness");
    }

    @Test
    void predictAnswersNoHandForAPhotoWithoutOneAndGivesTheBoxOtherwise() throws Exception {
        Path model = TinyModel.handDir();
        Path noHand = HandTestData.IMAGENET_SAMPLES.resolve("sunflower.bmp");
        Path hand = TinyModel.MIRROR.resolve("3").resolve("IMG_1121.JPG");

        // no confidence floor: the subject is the hand, not how sure the tiny model is of the digit
        CliRun json = run("predict", "--model", model.toString(), "--json", "--min-confidence", "0", noHand.toString(),
                hand.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode answers = new ObjectMapper().readTree(json.out());
        JsonNode none = answers.get(0);
        assertThat(none.get("digit").isNull()).isTrue();
        assertThat(none.get("error").isNull()).isTrue();
        assertThat(none.get("hand").get("found").asBoolean()).isFalse();
        assertThat(none.get("hand").get("reason").asText()).startsWith("No hand found");
        JsonNode some = answers.get(1);
        assertThat(some.get("digit").asText()).matches("[0-9]");
        assertThat(some.get("hand").get("found").asBoolean()).isTrue();
        assertThat(some.get("hand").get("box").get("w").asDouble()).isGreaterThan(10);

        CliRun table = run("predict", "--model", model.toString(), noHand.toString());
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("sunflower.bmp").contains("no hand found");

        try (DigitReader reader = SignDigits.open(model)) {
            DigitReading reading = reader.read(noHand);
            assertThat(reading.digit()).isNull();
            assertThat(reading.hand()).get().matches(h -> !h.found());
            assertThat(reader.read(hand).hand()).get().matches(HandResult::found);
        }
    }

    @Test
    void aWholePhotoModelCanReadHandCropsButAHandModelNeverSkipsItsLocator() throws Exception {
        Path noHand = HandTestData.IMAGENET_SAMPLES.resolve("sunflower.bmp");
        Path hand = TinyModel.MIRROR.resolve("3").resolve("IMG_1121.JPG");
        // the whole-photo model names a digit for the sunflower as it is, and says "no hand" with the hand cropped first
        CliRun plain = run("predict", "--model", TinyModel.dir().toString(), "--json", "--min-confidence", "0",
                noHand.toString());
        assertThat(new ObjectMapper().readTree(plain.out()).get(0).get("digit").asText()).matches("[0-9]");
        CliRun cropped = run("predict", "--model", TinyModel.dir().toString(), "--hand-locator", "auto", "--json",
                noHand.toString(), hand.toString());
        assertThat(cropped.exit()).as(cropped.err()).isZero();
        JsonNode answers = new ObjectMapper().readTree(cropped.out());
        assertThat(answers.get(0).get("digit").isNull()).isTrue();
        assertThat(answers.get(1).get("hand").get("found").asBoolean()).isTrue();

        CliRun skip = run("predict", "--model", TinyModel.handDir().toString(), "--hand-locator", "off", hand.toString());
        assertThat(skip.exit()).isEqualTo(2);
        assertThat(skip.err().strip()).startsWith("error: model ").contains("was trained on hand crops")
                .endsWith("drop --hand-locator off (or use --hand-locator model).");
        CliRun same = run("predict", "--model", TinyModel.handDir().toString(), "--hand-locator", "lite", hand.toString());
        assertThat(same.exit()).as(same.err()).isZero();
    }

    @Test
    void evaluateReportsTheDetectionRateAndAccuracyWithMissesCounted() throws Exception {
        Path model = TinyModel.handDir();
        Path out = tmp.resolve("eval");
        CliRun run = run("evaluate", "--model", model.toString(), "--split", "test", "--data-dir", TinyModel.MIRROR.toString(),
                "--eval-out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("hand found in ");
        JsonNode hand = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).findValue("hand");
        assertThat(hand).as("evaluation.json meta.hand").isNotNull();
        int photos = hand.get("photos").asInt();
        int found = hand.get("found").asInt();
        assertThat(found).isLessThanOrEqualTo(photos).isGreaterThan(photos * 9 / 10);
        assertThat(hand.get("detection_rate").asDouble()).isEqualTo(found / (double) photos);
        assertThat(hand.get("accuracy_overall").asDouble()).isLessThanOrEqualTo(hand.get("accuracy_hand_found").asDouble());
        assertThat(hand.get("no_hand")).hasSize(photos - found);
        // the split's test accuracy is what train measured on the same hand crops
        assertThat(hand.get("accuracy_hand_found").asDouble()).isCloseTo(
                Double.parseDouble(FinetunedModel.readMetadata(model).provenance().get("test_accuracy")),
                org.assertj.core.data.Offset.offset(0.0051));
        // the robustness section reads the photos as they are through the same locator: the same hands, the same answers
        JsonNode robustness = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).path("meta").path("robustness");
        assertThat(robustness).as("meta.robustness").hasSize(6);
        JsonNode asIs = robustness.get(0);
        assertThat(asIs.get("name").asText()).isEqualTo("as is");
        assertThat(asIs.get("photos").asInt()).isEqualTo(photos);
        assertThat(asIs.get("hands_found").asInt()).isEqualTo(found);
        JsonNode served = asIs.get("models").get(asIs.get("models").size() - 1);
        assertThat(served.get("model").asText()).isEqualTo("served");
        assertThat(served.get("accuracy").asDouble()).isEqualTo(hand.get("accuracy_hand_found").asDouble());
        for (JsonNode condition : robustness) {
            assertThat(condition.get("hands_found").asInt()).as(condition.get("name").asText()).isLessThanOrEqualTo(photos);
        }
    }

    @Test
    void aMissingOrDamagedHandModelFileIsNamedWithExitCode3() throws Exception {
        Path model = TinyModel.handDir();
        Path photo = TinyModel.MIRROR.resolve("3").resolve("IMG_1121.JPG");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun missing = run("predict", "--model", model.toString(), "--hand-models", empty.toString(), photo.toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains(empty.resolve("palm_detection_lite.tflite").toString()).contains("missing");

        Path damaged = Files.createDirectories(tmp.resolve("damaged"));
        Files.copy(HAND_MODELS.resolve("palm_detection_lite.tflite"), damaged.resolve("palm_detection_lite.tflite"));
        Files.write(damaged.resolve("hand_landmark_lite.tflite"), new byte[] {1, 2, 3});
        CliRun broken = run("predict", "--model", model.toString(), "--hand-models", damaged.toString(), photo.toString());
        assertThat(broken.exit()).isEqualTo(3);
        assertThat(broken.err()).contains(damaged.resolve("hand_landmark_lite.tflite").toString()).contains("damaged");
    }

    @Test
    void phoneLikeFramesGetTheRightDigitWithTheLocator() {
        List<StandIns.Frame> frames = StandIns.phoneLike(HandTestData.split(Split.TEST), HandTestData.imagenetSamples(),
                HandLocatorMeasure.REPORT_SEED).subList(0, 60);
        int withHand = correct(TinyModel.handDir(), frames);
        int whole = correct(TinyModel.dir(), frames);
        System.out.printf("phone-like, first %d test frames: hand locator %d right, whole frame %d right%n",
                frames.size(), withHand, whole);
        assertThat(withHand).isGreaterThanOrEqualTo(frames.size() / 2).isGreaterThan(whole + frames.size() / 5);
    }

    private static int correct(Path model, List<StandIns.Frame> frames) {
        int right = 0;
        try (DigitReader reader = SignDigits.open(model)) {
            for (StandIns.Frame frame : frames) {
                DigitReading reading = reader.read(frame.image());
                right += frame.label().equals(reading.digit()) ? 1 : 0;
            }
        }
        return right;
    }
}
