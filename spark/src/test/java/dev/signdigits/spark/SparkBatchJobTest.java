package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch job for real on local[2]: 200 mirror photos and five undecodable files, a real model
 * exported to int8 TFLite, Parquet written and read back, and compared with {@code signdigits
 * predict} on the same files.
 */
class SparkBatchJobTest {
    @TempDir
    static Path tmp;
    static List<Path> inputs;
    static Path photos;

    @BeforeAll
    static void photos() {
        photos = tmp.resolve("photos");
        inputs = TestPhotos.create(photos, 20);
    }

    @Test
    void everyFileOnceWithPredictsAnswersAndErrorsForBadFiles() throws Exception {
        Path output = tmp.resolve("out/predictions");
        Batch.Outcome run = Batch.run("--model", TestModel.int8().toString(), "--input", photos.toString(),
                "--output", output.toString(), "--master", "local[2]", "--partition-size", "50");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<Path, JsonNode> predicted = predictCommand(TestModel.int8(), "tflite-int8");
        long notSure = predicted.values().stream().filter(p -> p.path("not_sure").asBoolean()).count();
        assertThat(run.stdout()).contains("Wrote 205 rows", (200 - notSure) + " predicted, " + notSure
                + " not sure (below --min-confidence " + ConfidenceFloor.DEFAULT_MIN_CONFIDENCE + "), 5 could not be read",
                "5 partitions", "hand locator off");
        List<Row> rows = OutputTable.read(output);
        assertThat(rows).hasSize(inputs.size());
        assertThat(new HashSet<>(rows.stream().map(OutputTable::file).toList())).containsExactlyInAnyOrderElementsOf(inputs);
        try (Stream<Path> parts = Files.list(output)) {
            assertThat(parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))).as("one file per partition").hasSize(5);
        }

        String modelId = TfliteDigitClassifier.readMetadata(TestModel.int8()).modelId();
        for (Row row : rows) {
            Path file = OutputTable.file(row);
            JsonNode expected = predicted.get(file);
            assertThat(expected).as("predict's answer for " + file).isNotNull();
            assertThat(row.<String>getAs("model_id")).isEqualTo(modelId);
            assertThat(row.<Object>getAs("hand_found")).as("a whole-photo model looks for no hand").isNull();
            assertThat(row.<Object>getAs("hand_box")).isNull();
            assertThat(row.<String>getAs("reason")).isNull();
            if (TestPhotos.BAD.contains(file.getFileName().toString())) {
                assertThat(row.<String>getAs("digit")).as(file.toString()).isNull();
                assertThat(row.<Object>getAs("top_k")).isNull();
                assertThat(row.<String>getAs("error")).contains(file.getFileName().toString());
                assertThat(row.<Object>getAs("not_sure")).isNull();
                assertThat(expected.get("error").isNull()).as("predict also fails on " + file).isFalse();
                continue;
            }
            assertThat(row.<String>getAs("error")).as(file.toString()).isNull();
            List<Row> topK = row.getList(row.fieldIndex("top_k"));
            JsonNode expectedTopK = expected.get("topK");
            assertThat(topK).hasSize(3).hasSize(expectedTopK.size());
            // both apply the default confidence floor: a not-sure photo has no digit in either, and its best guess first
            assertThat(row.<String>getAs("digit")).as(file.toString()).isEqualTo(expected.get("digit").textValue());
            assertThat(row.<Boolean>getAs("not_sure")).isEqualTo(expected.get("not_sure").asBoolean());
            assertThat(row.<Boolean>getAs("not_sure") ? null : topK.get(0).<String>getAs("digit"))
                    .isEqualTo(row.<String>getAs("digit"));
            assertThat(row.<Float>getAs("confidence")).isEqualTo(topK.get(0).<Float>getAs("probability"));
            for (int i = 0; i < topK.size(); i++) {
                assertThat(topK.get(i).<String>getAs("digit")).isEqualTo(expectedTopK.get(i).get("digit").asText());
                assertThat((double) topK.get(i).<Float>getAs("probability"))
                        .isCloseTo(expectedTopK.get(i).get("probability").asDouble(), within(1e-6));
            }
            assertThat(topK.get(0).<Float>getAs("probability")).isGreaterThanOrEqualTo(topK.get(1).getAs("probability"));
        }
    }

    /** {@code signdigits predict --json} on the same folder, by absolute path. */
    static Map<Path, JsonNode> predictCommand(Path model, String runtime) throws Exception {
        CoreCli.Result result = CoreCli.run("predict", "--model", model.toString(), "--runtime", runtime, "--json",
                "--top-k", "3", photos.toString());
        assertThat(result.exitCode()).as("predict exits 4 when some photos fail: " + result.stderr()).isEqualTo(4);
        Map<Path, JsonNode> byFile = new HashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(result.stdout())) {
            byFile.put(Path.of(p.get("file").asText()).toAbsolutePath().normalize(), p);
        }
        assertThat(byFile).hasSameSizeAs(inputs);
        return byFile;
    }
}
