package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import dev.signdigits.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** flag > environment > .env > default, as `signdigits config` reports it and as commands see it. */
class ConfigPrecedenceTest {

    private static CliRun run(Map<String, String> env, DotEnv dotEnv, String... args) {
        return CliRun.of(env, dotEnv, args);
    }

    private static String lineFor(String output, String variable) {
        return output.lines().filter(l -> l.startsWith(variable + " ")).findFirst().orElse("");
    }

    @Test
    void environmentBeatsDotEnvWhichBeatsDefault() {
        DotEnv dotEnv = DotEnv.parse(Path.of(".env"), java.util.List.of("SIGNDIGITS_EPOCHS=7", "SIGNDIGITS_SEED=5"));
        CliRun r = run(Map.of("SIGNDIGITS_EPOCHS", "9"), dotEnv, "config");
        assertThat(r.exit()).isZero();
        assertThat(lineFor(r.out(), "SIGNDIGITS_EPOCHS")).contains(" 9 ").contains("environment");
        assertThat(lineFor(r.out(), "SIGNDIGITS_SEED")).contains(" 5 ").contains(".env");
        assertThat(lineFor(r.out(), "SIGNDIGITS_BATCH_SIZE")).contains(" 32 ").contains("default");
    }

    @Test
    void commandsSeeTheResolvedValuesAndFlagsWin() {
        DotEnv dotEnv = DotEnv.parse(Path.of(".env"), java.util.List.of("SIGNDIGITS_EPOCHS=7"));
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(Map.of("SIGNDIGITS_SEED", "11"), dotEnv));
        CommandLine.ParseResult parsed = cli.parseArgs("train", "--batch-size", "4");
        TrainOptions options = parsed.subcommand().commandSpec().commandLine().<TrainCommand>getCommand().options;
        var config = options.toConfig();
        assertThat(config.epochs()).isEqualTo(7);
        assertThat(config.seed()).isEqualTo(11);
        assertThat(config.batchSize()).isEqualTo(4);
        assertThat(config.learningRate()).isEqualTo(0.0005f);
        assertThat(config.handLocator()).isEqualTo("auto");
        assertThat(config.handFraming().on()).isTrue();

        CommandLine off = Main.newCommandLine(new EnvironmentDefaults(Map.of("SIGNDIGITS_HAND_LOCATOR", "off"), DotEnv.empty()));
        TrainOptions fromEnv = off.parseArgs("train").subcommand().commandSpec().commandLine().<TrainCommand>getCommand().options;
        assertThat(fromEnv.toConfig().handFraming().on()).isFalse();
    }

    @Test
    void backgroundShareAutoFollowsTheHandLocator() {
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(Map.of(), DotEnv.parse(Path.of(".env"), java.util.List.of())));
        java.util.function.Function<String[], TrainOptions> options = args ->
                cli.parseArgs(args).subcommand().commandSpec().commandLine().<TrainCommand>getCommand().options;
        var located = options.apply(new String[] {"train"}).toConfig();
        assertThat(located.backgroundShare()).isEqualTo(0.8);
        assertThat(located.grayscaleShare()).isEqualTo(0.25);
        assertThat(located.asMap()).containsEntry("background_share", "0.8").containsEntry("grayscale_share", "0.25");
        assertThat(options.apply(new String[] {"train", "--hand-locator", "off"}).toConfig().backgroundShare()).isZero();
        assertThat(options.apply(new String[] {"train", "--background-share", "0.3"}).toConfig().backgroundShare()).isEqualTo(0.3);
        TrainOptions offButAsked = options.apply(new String[] {"train", "--hand-locator", "off", "--background-share", "0.5"});
        assertThatThrownBy(offButAsked::toConfig).hasMessageContaining("--background-share needs the hand locator");
        TrainOptions notANumber = options.apply(new String[] {"train", "--background-share", "most"});
        assertThatThrownBy(notANumber::toConfig).hasMessageContaining("--background-share must be auto or a share in [0, 1], got 'most'");
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        CliRun r = run(Map.of(), DotEnv.empty(), "config", "--no-such-flag");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: Unknown option: '--no-such-flag'").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void badValueNamesTheOption() {
        CliRun r = run(Map.of(), DotEnv.empty(), "train", "--epochs", "many");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs").contains("many");
    }

    @Test
    void envExampleInRepoListsEverySetting() throws Exception {
        CliRun r = run(Map.of(), DotEnv.empty(), "config", "--env-example");
        String committed = Files.readString(Path.of(".env.example"), StandardCharsets.UTF_8);
        assertThat(committed)
                .as(".env.example is out of date: regenerate with ./signdigits config --env-example > .env.example")
                .isEqualTo(r.out());
    }
}
