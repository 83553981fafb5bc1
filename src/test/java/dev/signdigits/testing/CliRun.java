package dev.signdigits.testing;

import dev.signdigits.cli.Main;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of the real command line, as a user would type it: the exit code and
 * everything it printed on stdout and stderr.
 */
public record CliRun(int exit, String out, String err) {

    /** With these environment variables and this {@code .env}. */
    public static CliRun of(Map<String, String> env, DotEnv dotEnv, String... args) {
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(env, dotEnv));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** With these environment variables and no {@code .env}. */
    public static CliRun of(Map<String, String> env, String... args) {
        return of(env, DotEnv.empty(), args);
    }

    /** With no environment variables and no {@code .env}. */
    public static CliRun of(String... args) {
        return of(Map.of(), DotEnv.empty(), args);
    }

    public static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }
}
