package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.testing.CliRun;
import dev.signdigits.web.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small things a careless operator meets: a folder with no photo, photos in formats that are
 * not decoded, non-ASCII file names under the POSIX locale, and a server open to the network
 * without a key.
 */
class SmallMessagesTest {

    static CliRun cli(List<String> args) {
        return CliRun.of(args);
    }

    @Test
    void predictOnAFolderWithoutPhotosSaysSoAndExits2(@TempDir Path dir) {
        CliRun run = cli(List.of("predict", dir.toString()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("No photo found in " + dir).contains("jpg");
    }

    @Test
    void photosInFormatsNotDecodedAreCountedAndNamed(@TempDir Path dir) throws Exception {
        for (String name : List.of("a.heic", "b.webp", "c.avif", "notes.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        CliRun run = cli(List.of("predict", dir.toString()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("skipped 3 photo(s)").contains("a.heic").contains("b.webp").contains("c.avif")
                .doesNotContain("notes.txt").contains("3 photo(s) in formats not decoded");
    }

    /** Runs Main through the launcher's locale lines under the POSIX locale, as cron or a bare container would. */
    @Test
    void nonAsciiFileNamesSurviveThePosixLocaleThroughTheLauncher(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("f\u00f6t\u00f6"));
        Files.writeString(folder.resolve("bild.heic"), "x");
        String launcher = Files.readString(Path.of("signdigits"));
        String localeLines = launcher.substring(launcher.indexOf("# >>> utf-8 locale"), launcher.indexOf("# <<< utf-8 locale"));
        String script = localeLines + "\nexec java $JAVA_OPTS -cp \"$CP\" " + Main.class.getName() + " predict \"$DIR\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().remove("LANG");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("CP", System.getProperty("java.class.path"));
        builder.environment().put("DIR", dir.toString());
        Process child = builder.redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).contains(folder.resolve("bild.heic").toString()).doesNotContain("??");
        assertThat(child.exitValue()).isEqualTo(2);
    }

    @Test
    void listeningBeyondLoopbackWithoutAKeyIsWarnedAbout() {
        ServerConfig open = ServerConfig.builder().host("0.0.0.0").build();
        assertThat(ServeCommand.exposureWarning(open)).hasValueSatisfying(w -> assertThat(w).contains("0.0.0.0")
                .contains("--api-key"));
        assertThat(ServeCommand.exposureWarning(open.toBuilder().apiKey("k").build())).isEmpty();
        assertThat(ServeCommand.exposureWarning(ServerConfig.builder().host("127.0.0.1").build())).isEmpty();
        assertThat(ServeCommand.exposureWarning(ServerConfig.builder().host("::1").build())).isEmpty();
    }

    @Test
    void locatorThreadsAndLocatorsShareTheCoresWithoutOversubscribing() {
        int cores = Runtime.getRuntime().availableProcessors();
        ServerConfig defaults = ServerConfig.builder().build();
        assertThat(defaults.locateThreads()).isEqualTo(Math.min(2, cores));
        assertThat(defaults.locatePool() * defaults.locateThreads()).isLessThanOrEqualTo(Math.max(cores, defaults.locateThreads()));
        assertThat(ServerConfig.builder().locateThreads(1).build().locatePool()).isEqualTo(cores);
        assertThat(ServerConfig.builder().locateThreads(64).build().locatePool()).isEqualTo(Math.max(1, cores / 64));
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
        assertThatThrownBy(() -> ServerConfig.builder().locateThreads(0).build())
                .hasMessage("--locate-threads 0 is out of range: use 1-64.");
    }
}
