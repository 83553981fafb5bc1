package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one clear line on stderr and an exit code; the stack trace goes to the log
 * file always and to the console only with --verbose.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
    static final int UNEXPECTED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        LOG.debug("command failed", ex);
        var err = cli.getErr();
        if (ex instanceof SignDigitsException known) {
            err.println("error: " + known.getMessage());
            printTraceIfVerbose(ex, err);
            return known.exitCode();
        }
        if (ex instanceof UncheckedIOException io && io.getCause() instanceof NoSuchFileException missing) {
            err.println("error: " + missing.getFile() + " does not exist: check the path.");
            printTraceIfVerbose(ex, err);
            return SignDigitsException.BAD_INPUT;
        }
        err.println("error: " + describe(ex) + (GlobalOptions.verbose() ? "" : " (run again with --verbose for details)"));
        printTraceIfVerbose(ex, err);
        return UNEXPECTED;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void printTraceIfVerbose(Exception ex, java.io.PrintWriter err) {
        if (GlobalOptions.verbose()) {
            ex.printStackTrace(err);
        }
    }
}
