package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.HandDataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train after {@code data stats --hand-locator auto} on the same data takes every photo's hand
 * location from the cache stats wrote (nothing located twice) and leaves out the photos stats listed.
 */
class HandLocationReuseTest {
    @TempDir
    Path tmp;

    @Test
    void trainReusesTheLocationsStatsCachedAndAgreesWithItsList() throws Exception {
        Path data = tmp.resolve("data/raw/digits");
        String owl = HandDataset.create(data, 8, List.of(0, 6, 7));
        Path manifest = tmp.resolve("data/processed/split.csv");
        Path models = tmp.resolve("models");
        CliRun stats = CliRun.of("data", "stats", "--json", "--hand-locator", "auto", "--data-dir", data.toString(),
                "--manifest", manifest.toString(), "--models-dir", models.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        JsonNode hands = new ObjectMapper().readTree(stats.out()).get("hands");
        assertThat(hands.get("located").asInt()).isEqualTo(25);

        TrainingConfig config = new TrainingConfig(data, manifest, models, "mobilenet_v1_0.25_128", 128, 20, 1, 32, 5e-4f,
                1e-4f, 0.3f, 0f, 1, true, 8, 3, false, 2, "auto");
        TrainingData training = TrainingDataLoader.load(config);

        assertThat(training.hands().rows()).hasSize(25);
        assertThat(training.hands().fromCache()).as("every answer from the stats' cache").isEqualTo(25);
        assertThat(training.hands().missing(null)).extracting(HandLocations.Row::file)
                .containsExactlyElementsOf(hands.get("noHand").findValuesAsText("file")).containsExactly(owl);
        assertThat(training.train().size() + training.val().size() + training.test().size()).isEqualTo(24);
    }
}
