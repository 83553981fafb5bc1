package dev.signdigits.web;

/**
 * An uploaded image the service will not classify. The status says why, for HTTP clients:
 * 400 not an image, corrupt or truncated; 413 more pixels than allowed; 415 a recognized image
 * format this service cannot decode (HEIC, AVIF, WebP, TIFF...).
 */
public final class BadImageException extends RuntimeException {
    public static final int NOT_AN_IMAGE = 400;
    public static final int TOO_LARGE = 413;
    public static final int UNSUPPORTED_FORMAT = 415;

    private final int status;

    public BadImageException(int status, String message) {
        this(status, message, null);
    }

    public BadImageException(int status, String message, Throwable cause) {
        super(message, cause);
        if (status != NOT_AN_IMAGE && status != TOO_LARGE && status != UNSUPPORTED_FORMAT) {
            throw new IllegalArgumentException("status must be 400, 413 or 415, not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The same problem, with the position of the image in a multi-image request prepended. */
    public BadImageException at(String where) {
        return new BadImageException(status, where + ": " + getMessage(), this);
    }
}
