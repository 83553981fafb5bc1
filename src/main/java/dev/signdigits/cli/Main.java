package dev.signdigits.cli;

import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code signdigits} command line: builds the command tree and runs it. Never calls exit itself. */
@Command(
        name = "signdigits",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Recognize sign-language digits (0-9) in photos with a MobileNet fine-tuned from ImageNet weights.",
        subcommands = {
            ConfigCommand.class,
            DataCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            ModelCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        NativeSetup.beforeFirstDjlCall();
        System.exit(execute(args));
    }

    /** Runs the CLI with the process environment and ./.env; returns the exit code. */
    public static int execute(String... args) {
        return newCommandLine(new EnvironmentDefaults(System.getenv(), DotEnv.readIfPresent(Path.of(".env"))))
                .execute(args);
    }

    public static CommandLine newCommandLine(EnvironmentDefaults defaults) {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(defaults);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new BadArgumentReporter());
        cli.setErr(new PrintWriter(System.err, true));
        return cli;
    }
}
