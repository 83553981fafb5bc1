package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch job with a model trained with the hand locator, for real on local[2]: a dataset photo
 * (a hand), an ImageNet sample photo (no hand) and a file that is no image. The model decides that
 * the locator runs; the Parquet columns hand_found / hand_box / reason agree with
 * {@code signdigits predict} on the same files.
 */
class HandLocatorBatchTest {
    /** A photo without a hand: an owl on a branch, from the ImageNet samples of the mirror. */
    static final Path NO_HAND = TestModel.HAND_MODELS.resolveSibling("imagenet-samples").resolve("owl.jpg");

    @TempDir
    Path tmp;

    @Test
    void handFoundAndBoxForAHandNullDigitAndReasonWithoutOneErrorOnlyForTheBadFile() throws Exception {
        Path photos = tmp.resolve("photos");
        Path hand = Files.copy(TestPhotos.create(tmp.resolve("all"), 1).get(3), Files.createDirectories(photos.resolve("3"))
                .resolve("hand.jpg"));
        Path scene = Files.copy(NO_HAND, Files.createDirectories(photos.resolve("scenes")).resolve("owl.jpg"));
        Path bad = Files.write(photos.resolve("scenes/truncated.jpg"), Arrays.copyOf(Files.readAllBytes(hand), 300));
        Path output = tmp.resolve("out");

        Batch.Outcome run = Batch.run("--model", TestModel.handInt8().toString(), "--input", photos.toString(),
                "--output", output.toString(), "--master", "local[2]", "--partition-size", "1",
                "--hand-models", TestModel.HAND_MODELS.toString(), "--min-confidence", "0"); // not sure: SparkBatchJobTest

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Wrote 3 rows", "1 predicted, 1 without a hand", "1 could not be read",
                "hand locator lite").doesNotContain("not sure");
        Map<Path, Row> rows = new HashMap<>();
        OutputTable.read(output).forEach(r -> rows.put(OutputTable.file(r), r));
        assertThat(rows).containsOnlyKeys(hand.toAbsolutePath(), scene.toAbsolutePath(), bad.toAbsolutePath());
        Map<String, JsonNode> predicted = predictCommand(photos);

        Row withHand = rows.get(hand.toAbsolutePath());
        JsonNode expected = predicted.get("hand.jpg");
        assertThat(withHand.<Boolean>getAs("hand_found")).isTrue();
        assertThat(withHand.<String>getAs("error")).isNull();
        assertThat(withHand.<String>getAs("reason")).isNull();
        assertThat(withHand.<Boolean>getAs("not_sure")).isFalse();
        assertThat(withHand.<String>getAs("digit")).isEqualTo(expected.get("topK").get(0).get("digit").asText());
        assertThat((double) withHand.<Float>getAs("confidence"))
                .isCloseTo(expected.get("topK").get(0).get("probability").asDouble(), within(1e-6));
        List<Float> box = withHand.getList(withHand.fieldIndex("hand_box"));
        JsonNode expectedBox = expected.get("hand").get("box");
        assertThat(box).hasSize(4);
        assertThat((double) box.get(0)).isCloseTo(expectedBox.get("x").asDouble(), within(1e-3));
        assertThat((double) box.get(1)).isCloseTo(expectedBox.get("y").asDouble(), within(1e-3));
        assertThat((double) box.get(2)).isCloseTo(expectedBox.get("w").asDouble(), within(1e-3));
        assertThat((double) box.get(3)).isCloseTo(expectedBox.get("h").asDouble(), within(1e-3));
        assertThat(box.get(2)).as("a hand fills much of a dataset close-up (100x100 px)").isBetween(30f, 100f);
        assertThat(box.get(0) + box.get(2)).isLessThanOrEqualTo(100.001f);

        Row noHand = rows.get(scene.toAbsolutePath());
        assertThat(predicted.get("owl.jpg").get("hand").get("found").asBoolean()).as("predict agrees").isFalse();
        assertThat(noHand.<Boolean>getAs("hand_found")).isFalse();
        assertThat(noHand.<Object>getAs("hand_box")).isNull();
        assertThat(noHand.<String>getAs("digit")).isNull();
        assertThat(noHand.<Object>getAs("top_k")).isNull();
        assertThat(noHand.<String>getAs("error")).as("no hand is an answer, not an error").isNull();
        assertThat(noHand.<Object>getAs("not_sure")).as("nothing was classified").isNull();
        assertThat(noHand.<String>getAs("reason")).isEqualTo(predicted.get("owl.jpg").get("hand").get("reason").asText())
                .isNotBlank();

        Row unreadable = rows.get(bad.toAbsolutePath());
        assertThat(unreadable.<String>getAs("error")).contains("truncated.jpg");
        assertThat(unreadable.<Object>getAs("hand_found")).isNull();
        assertThat(unreadable.<String>getAs("reason")).isNull();
    }

    @Test
    void aMissingHandModelFileIsOneSentenceBeforeAnyPhotoIsRead() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(NO_HAND, photos.resolve("owl.jpg"));
        Path empty = Files.createDirectories(tmp.resolve("no-hand-models"));
        Path output = tmp.resolve("out");

        Batch.Outcome run = Batch.run("--model", TestModel.handInt8().toString(), "--input", photos.toString(),
                "--output", output.toString(), "--master", "local[1]", "--hand-models", empty.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
        assertThat(run.stderr()).startsWith("error: Hand model file ").contains("no-hand-models", "is missing")
                .doesNotContain("\tat ");
        assertThat(output).doesNotExist();
    }

    /** {@code signdigits predict --json} on the folder, by file name. */
    private static Map<String, JsonNode> predictCommand(Path photos) throws Exception {
        CoreCli.Result result = CoreCli.run("predict", "--model", TestModel.handInt8().toString(), "--runtime",
                "tflite-int8", "--json", "--top-k", "3", "--hand-models", TestModel.HAND_MODELS.toString(),
                photos.toString());
        assertThat(result.exitCode()).as("predict exits 4 when a photo fails: " + result.stderr()).isEqualTo(4);
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(result.stdout())) {
            byName.put(Path.of(p.get("file").asText()).getFileName().toString(), p);
        }
        return byName;
    }
}
