package dev.signdigits.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code signdigits data}: get, split and inspect the dataset. Only the subcommands mix in
 * {@link GlobalOptions}: its --verbose is inherited, so declaring it here too would clash.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Get, split and inspect the Sign Language Digits dataset.",
        subcommands = {
            DataFetchCommand.class,
            DataSplitCommand.class,
            DataStatsCommand.class,
            DataPreviewCommand.class
        })
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
