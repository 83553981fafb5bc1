package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** An unknown option or a bad value: one sentence and a pointer to --help, not the whole usage text. */
final class BadArgumentReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        cli.getErr().println("error: " + ex.getMessage() + " (see '" + command + " --help').");
        if (GlobalOptions.verbose()) {
            ex.printStackTrace(cli.getErr());
        }
        return SignDigitsException.BAD_INPUT;
    }
}
