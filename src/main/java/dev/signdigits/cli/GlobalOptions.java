package dev.signdigits.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts. */
public final class GlobalOptions {
    private static volatile boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show stack traces and debug logging.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            LogLevels.enableDebug();
        }
    }

    public static boolean verbose() {
        return verbose;
    }
}
