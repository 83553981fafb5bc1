package dev.signdigits.cli;

import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import dev.signdigits.system.NativeSetup;
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
            BatchCommand.class,
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
        return newCommandLine(processDefaults()).execute(args);
    }

    /** Settings from the process environment and ./.env, as every entry point reads them. */
    public static EnvironmentDefaults processDefaults() {
        return new EnvironmentDefaults(System.getenv(), DotEnv.readIfPresent(Path.of(".env")));
    }

    public static CommandLine newCommandLine(EnvironmentDefaults defaults) {
        return newCommandLine(new Main(), defaults);
    }

    /**
     * A command line for one command on its own, with the same defaults, error reporting and exit
     * codes as the full CLI: the Spark batch entry point runs {@link BatchCommand} this way, without
     * loading the other commands (and the libraries they need).
     */
    public static CommandLine newCommandLine(Object command, EnvironmentDefaults defaults) {
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(defaults);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new BadArgumentReporter());
        cli.setErr(new PrintWriter(System.err, true));
        return cli;
    }
}
