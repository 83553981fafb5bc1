package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.TinyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code signdigits predict --min-confidence}: a real model (the committed version-0.1 fixture, which
 * reads photo 0/IMG_1118 as a 0 at 0.87 and 1/IMG_1119 as a 1 at only 0.47) and real photos from the
 * offline mirror, through the real command line.
 */
class PredictCommandTest {
    private static final Path MODEL = Path.of("src", "test", "resources", "fixtures", "model-v0.1");
    private static final Path SURE = TinyModel.MIRROR.resolve("0").resolve("IMG_1118.JPG");
    private static final Path WEAK = TinyModel.MIRROR.resolve("1").resolve("IMG_1119.JPG");

    private static CliRun predict(Map<String, String> env, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", MODEL.toString()));
        args.addAll(List.of(extra));
        args.addAll(List.of(SURE.toString(), WEAK.toString()));
        return CliRun.of(env, args.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void belowTheDefaultFloorJsonSaysNotSureWithoutADigitAndKeepsTheRanking() throws Exception {
        assertThat(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE).as("this test's photos straddle the default").isBetween(0.47, 0.87);
        JsonNode answers = json(predict(Map.of(), "--json"));

        JsonNode sure = answers.get(0);
        assertThat(sure.get("digit").asText()).isEqualTo("0");
        assertThat(sure.get("not_sure").asBoolean()).isFalse();
        assertThat(sure.get("confidence").asDouble()).isCloseTo(0.8718, within(1e-3));

        JsonNode weak = answers.get(1);
        assertThat(weak.get("digit").isNull()).as(weak.toString()).isTrue();
        assertThat(weak.get("not_sure").asBoolean()).isTrue();
        assertThat(weak.get("error").isNull()).isTrue();
        assertThat(weak.get("confidence").asDouble()).isCloseTo(0.4676, within(1e-3))
                .isEqualTo(weak.get("topK").get(0).get("probability").asDouble());
        assertThat(weak.get("topK")).hasSize(3);
        assertThat(weak.get("topK").get(0).get("digit").asText()).as("the best guess stays first").isEqualTo("1");
        assertThat(weak.get("topK").get(1).get("digit").asText()).isEqualTo("2");
    }

    @Test
    void theTableShowsAQuestionMarkAndNotSureBeforeTheGuesses() {
        CliRun run = predict(Map.of());

        assertThat(run.exit()).as("a not-sure answer is a read photo").isZero();
        String weakLine = run.out().lines().filter(l -> l.startsWith(WEAK.toString())).findFirst().orElseThrow();
        assertThat(weakLine).matches(".*IMG_1119\\.JPG\\s+\\?\\s+0\\.4\\d{3}\\s+not sure: 1:0\\.4\\d\\d 2:0\\.2\\d\\d 6:0\\.0\\d\\d");
        String sureLine = run.out().lines().filter(l -> l.startsWith(SURE.toString())).findFirst().orElseThrow();
        assertThat(sureLine).matches(".*IMG_1118\\.JPG\\s+0\\s+0\\.8\\d{3}\\s+0:0\\.8\\d\\d .*").doesNotContain("not sure");
    }

    @Test
    void theFloorComesFromTheFlagOrTheEnvironmentAndZeroTurnsItOff() throws Exception {
        JsonNode strict = json(predict(Map.of(), "--json", "--min-confidence", "0.99"));
        assertThat(strict).allSatisfy(a -> assertThat(a.get("not_sure").asBoolean()).isTrue());
        assertThat(strict).allSatisfy(a -> assertThat(a.get("digit").isNull()).isTrue());

        JsonNode fromEnvironment = json(predict(Map.of("SIGNDIGITS_MIN_CONFIDENCE", "0.99"), "--json"));
        assertThat(fromEnvironment.get(0).get("not_sure").asBoolean()).isTrue();

        JsonNode off = json(predict(Map.of("SIGNDIGITS_MIN_CONFIDENCE", "0.99"), "--json", "--min-confidence", "0"));
        assertThat(off.get(0).get("digit").asText()).isEqualTo("0");
        assertThat(off.get(1).get("digit").asText()).isEqualTo("1");
        assertThat(off.get(1).get("not_sure").asBoolean()).isFalse();
    }

    @Test
    void aFloorOutsideZeroToOneIsOneSentenceAndExitCode2() {
        for (String bad : List.of("1", "-0.2", "NaN")) {
            CliRun run = predict(Map.of(), "--min-confidence", bad);

            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: --min-confidence must be at least 0 and below 1 (0 turns it"
                    + " off; default " + ConfidenceFloor.DEFAULT_MIN_CONFIDENCE + "), got " + Double.parseDouble(bad) + ".");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void helpNamesTheDefault() {
        CliRun help = CliRun.of("predict", "--help");
        assertThat(help.out()).contains("--min-confidence=P").contains("Default: " + ConfidenceFloor.DEFAULT_TEXT + ".");
    }
}
