package dev.signdigits;

/**
 * An error the user can act on: its message is one sentence that names the file or value that was
 * wrong and says what to do. The CLI prints only this message (no stack trace unless --verbose)
 * and exits with {@link #exitCode()}.
 */
public class SignDigitsException extends RuntimeException {
    /** Exit code for bad input: a missing file, a bad value, an unreadable image. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an environment problem: disk full, a download that failed. */
    public static final int ENVIRONMENT = 3;

    /** The process exit code the CLI uses for this error. */
    private final int exitCode;

    /**
     * A bad-input error.
     *
     * @param message one sentence naming the file or value and what to do
     */
    public SignDigitsException(String message) {
        this(message, BAD_INPUT, null);
    }

    /**
     * A bad-input error with its cause.
     *
     * @param message one sentence naming the file or value and what to do
     * @param cause   the exception that revealed it
     */
    public SignDigitsException(String message, Throwable cause) {
        this(message, BAD_INPUT, cause);
    }

    /**
     * An error with an explicit exit code.
     *
     * @param message  one sentence naming the file or value and what to do
     * @param exitCode {@link #BAD_INPUT}, {@link #ENVIRONMENT} or another non-zero code
     * @param cause    the exception that revealed it, or null
     */
    public SignDigitsException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * The exit code the command line ends with for this error.
     *
     * @return {@link #BAD_INPUT} unless the error said otherwise
     */
    public int exitCode() {
        return exitCode;
    }
}
