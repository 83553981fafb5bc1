package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code signdigits serve} as the CLI builds it: registered, documented, and refusing bad settings in one line. */
class ServeCommandTest {
    @TempDir
    Path root;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(env, DotEnv.readIfPresent(Path.of("no-such.env"))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryServingOption() {
        Run help = run(Map.of(), "serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--model", "--port", "--host", "--max-batch", "--max-delay-ms", "--queue-capacity",
                "--max-request-bytes", "--max-pixels", "--request-timeout-ms", "--threads", "--workers", "--api-key",
                "--watch-interval-ms", "--drain-timeout-ms");
    }

    @Test
    void outOfRangeValuesAreOneClearSentence() {
        Run run = run(Map.of(), "serve", "--model", root.toString(), "--max-batch", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --max-batch 0 is out of range: use 1-1024.");
    }

    @Test
    void environmentSetsOptionsAndBadOnesAreNamed() {
        Run run = run(Map.of("SIGNDIGITS_PORT", "70000"), "serve", "--model", root.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port 70000 is out of range");
    }

    @Test
    void aMissingModelIsNamed() {
        Path missing = root.resolve("models").resolve("latest");
        Run run = run(Map.of(), "serve", "--model", missing.toString(), "--port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: Model path " + missing + " does not exist")
                .doesNotContain("Exception");
    }

    @Test
    void aPointerFileNamingNothingIsNamed() throws Exception {
        Path pointer = Files.writeString(root.resolve("latest"), "run-that-was-deleted\n");
        Run run = run(Map.of(), "serve", "--model", pointer.toString(), "--port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Model pointer " + pointer).contains("not a directory");
    }

    @Test
    void configShowsThatAnApiKeyIsSetButNeverTheKey() {
        Run run = run(Map.of("SIGNDIGITS_API_KEY", "hunter2-very-secret"), "config");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("SIGNDIGITS_API_KEY").contains("(set, hidden)").doesNotContain("hunter2");
    }
}
