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

    private final int exitCode;

    public SignDigitsException(String message) {
        this(message, BAD_INPUT, null);
    }

    public SignDigitsException(String message, Throwable cause) {
        this(message, BAD_INPUT, cause);
    }

    public SignDigitsException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
