package dev.signdigits.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code signdigits model}: import ImageNet weights from TFLite files and inspect networks. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Import ImageNet MobileNet weights from TFLite files and print network summaries.",
        subcommands = {ModelImportCommand.class, ModelSummaryCommand.class})
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // --verbose is inherited by the subcommands from here
    @CommandLine.Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
