package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.data.hands.DatasetHands;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.HandDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data stats --hand-locator}: real photos and the real locator on a small dataset holding a
 * photo without a hand; the answers are cached beside the manifest, reused while the photos are
 * unchanged, and located again when one changes.
 */
class DataStatsHandsTest {
    @TempDir
    Path tmp;

    @Test
    void reportsThePhotoWithoutAHandAndLocatesOnlyWhatChanged() throws Exception {
        Path data = tmp.resolve("data/raw/digits");
        String owl = HandDataset.create(data, 2, List.of(1, 5, 8));
        Path manifest = tmp.resolve("data/processed/split.csv");

        JsonNode first = stats(data, manifest);
        JsonNode hands = first.get("hands");
        assertThat(hands.get("locator").asText()).startsWith("lite");
        assertThat(hands.get("photos").asInt()).isEqualTo(7);
        assertThat(hands.get("withHand").asInt()).isEqualTo(6);
        assertThat(hands.get("noHand")).hasSize(1);
        assertThat(hands.get("noHand").get(0).get("file").asText()).isEqualTo(owl);
        assertThat(hands.get("noHand").get(0).get("label").asText()).isEqualTo("1");
        assertThat(hands.get("noHand").get(0).get("reason").asText()).startsWith("No hand");
        assertThat(hands.get("noHandPerClass").get("1").asInt()).isEqualTo(1);
        assertThat(hands.get("noHandPerClass").get("5").asInt()).isZero();
        assertThat(hands.get("located").asInt()).isEqualTo(7);
        assertThat(hands.get("fromCache").asInt()).isZero();
        Path cache = Path.of(hands.get("cacheFile").asText());
        assertThat(cache).isRegularFile().hasParent(manifest.getParent().resolve(DatasetHands.DIRECTORY));

        JsonNode second = stats(data, manifest).get("hands");
        assertThat(second.get("located").asInt()).as("nothing changed: nothing located").isZero();
        assertThat(second.get("fromCache").asInt()).isEqualTo(7);
        assertThat(second.get("noHand")).isEqualTo(hands.get("noHand"));

        Path fiveFirst;
        try (Stream<Path> five = Files.list(data.resolve("5"))) {
            fiveFirst = five.sorted().findFirst().orElseThrow();
        }
        Files.copy(HandDataset.NO_HAND, fiveFirst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode third = stats(data, manifest).get("hands");
        assertThat(third.get("located").asInt()).as("the replaced photo only").isEqualTo(1);
        assertThat(third.get("fromCache").asInt()).isEqualTo(6);
        assertThat(third.get("noHand").findValuesAsText("file"))
                .containsExactlyInAnyOrder(owl, data.relativize(fiveFirst).toString());
        assertThat(third.get("noHandPerClass").get("5").asInt()).isEqualTo(1);

        CliRun text = CliRun.of("data", "stats", "--hand-locator", "auto", "--data-dir", data.toString(), "--manifest",
                manifest.toString(), "--models-dir", tmp.resolve("models").toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("no hand", "Hand locator lite", "a hand in 5 of 7 photos", "no hand in 2",
                owl, "0 located, 7 from the cache");
    }

    @Test
    void defaultsToTrainsLocatorOffReadsNoHandsAndABadValueIsOneSentence() {
        var cli = Main.newCommandLine(new dev.signdigits.config.EnvironmentDefaults(java.util.Map.of(),
                dev.signdigits.config.DotEnv.empty()));
        String statsDefault = cli.getSubcommands().get("data").getSubcommands().get("stats").getCommandSpec()
                .findOption("--hand-locator").defaultValue();
        String trainDefault = cli.getSubcommands().get("train").getCommandSpec().findOption("--hand-locator").defaultValue();
        assertThat(statsDefault).as("stats reports what a default train leaves out").isEqualTo(trainDefault)
                .isEqualTo(TrainOptions.DEFAULT_HAND_LOCATOR);

        Path data = tmp.resolve("data");
        HandDataset.create(data, 1, List.of(3));
        CliRun off = CliRun.of("data", "stats", "--json", "--hand-locator", "off", "--data-dir", data.toString(),
                "--manifest", tmp.resolve("split.csv").toString());
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).contains("\"hands\" : null");
        assertThat(tmp.resolve(DatasetHands.DIRECTORY)).doesNotExist();

        CliRun bad = CliRun.of("data", "stats", "--hand-locator", "sometimes", "--data-dir", data.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("error: Unknown --hand-locator 'sometimes': use auto, fast, full, lite or off.");
    }

    private JsonNode stats(Path data, Path manifest) throws Exception {
        CliRun run = CliRun.of("data", "stats", "--json", "--hand-locator", "auto", "--data-dir", data.toString(),
                "--manifest", manifest.toString(), "--models-dir", tmp.resolve("models").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }
}
