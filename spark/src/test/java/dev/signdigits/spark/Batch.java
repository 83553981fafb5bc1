package dev.signdigits.spark;

import dev.signdigits.cli.BatchCommand;
import dev.signdigits.cli.Main;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** {@code signdigits batch} in this JVM, as {@link SparkBatchMain} runs it, with no environment settings. */
final class Batch {
    private Batch() {}

    /** What a run printed and returned. */
    record Outcome(int exitCode, String stdout, String stderr) {}

    static Outcome run(String... args) {
        CommandLine cli = Main.newCommandLine(new BatchCommand(), new EnvironmentDefaults(Map.of(), DotEnv.empty()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
