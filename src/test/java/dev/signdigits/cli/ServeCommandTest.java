package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.config.DotEnv;
import dev.signdigits.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signdigits serve} as the CLI builds it: registered, documented, and refusing bad settings in one line. */
class ServeCommandTest {
    @TempDir
    Path root;

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.of(env, DotEnv.readIfPresent(Path.of("no-such.env")), args);
    }

    @Test
    void helpListsEveryServingOption() {
        CliRun help = run(Map.of(), "serve", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--model", "--port", "--host", "--max-batch", "--max-delay-ms", "--queue-capacity",
                "--max-request-bytes", "--max-pixels", "--request-timeout-ms", "--threads", "--workers", "--api-key",
                "--watch-interval-ms", "--drain-timeout-ms");
    }

    @Test
    void outOfRangeValuesAreOneClearSentence() {
        CliRun run = run(Map.of(), "serve", "--model", root.toString(), "--max-batch", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --max-batch 0 is out of range: use 1-1024.");
    }

    @Test
    void aConfidenceFloorOutsideZeroToOneIsRefusedBeforeAnyModelLoads() {
        CliRun run = run(Map.of("SIGNDIGITS_MIN_CONFIDENCE", "1.5"), "serve", "--model", root.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --min-confidence must be at least 0 and below 1 (0 turns it off;"
                + " default " + dev.signdigits.predict.ConfidenceFloor.DEFAULT_MIN_CONFIDENCE + "), got 1.5.");
        assertThat(run(Map.of(), "serve", "--help").out()).contains("--min-confidence=P");
    }

    @Test
    void environmentSetsOptionsAndBadOnesAreNamed() {
        CliRun run = run(Map.of("SIGNDIGITS_PORT", "70000"), "serve", "--model", root.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--port 70000 is out of range");
    }

    @Test
    void aMissingModelIsNamed() {
        Path missing = root.resolve("models").resolve("latest");
        CliRun run = run(Map.of(), "serve", "--model", missing.toString(), "--port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: Model path " + missing + " does not exist")
                .doesNotContain("Exception");
    }

    @Test
    void aPointerFileNamingNothingIsNamed() throws Exception {
        Path pointer = Files.writeString(root.resolve("latest"), "run-that-was-deleted\n");
        CliRun run = run(Map.of(), "serve", "--model", pointer.toString(), "--port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Model pointer " + pointer).contains("not a directory");
    }

    @Test
    void configShowsThatAnApiKeyIsSetButNeverTheKey() {
        CliRun run = run(Map.of("SIGNDIGITS_API_KEY", "hunter2-very-secret"), "config");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("SIGNDIGITS_API_KEY").contains("(set, hidden)").doesNotContain("hunter2");
    }
}
