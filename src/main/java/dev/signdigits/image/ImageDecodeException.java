package dev.signdigits.image;

import dev.signdigits.SignDigitsException;

/**
 * An image that cannot be decoded, with a machine-readable {@link Reason} (the web server maps it
 * to an HTTP status) and a one-sentence message naming the file.
 */
public final class ImageDecodeException extends SignDigitsException {

    /** Why an image was refused. */
    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** A recognized format we do not decode (HEIC, WebP, AVIF, TIFF, 12-bit JPEG, ...). */
        UNSUPPORTED_FORMAT,
        /** Not a recognizable image, or the decoder rejected its content. */
        CORRUPT,
        /** The file ends before the image data does. */
        TRUNCATED,
        /** The header announces more pixels than the configured cap (decompression bomb guard). */
        TOO_MANY_PIXELS,
        /** The file exists but could not be read (permissions, I/O error). */
        UNREADABLE
    }

    private final Reason reason;
    private final String source;

    public ImageDecodeException(Reason reason, String source, String message) {
        this(reason, source, message, null);
    }

    public ImageDecodeException(Reason reason, String source, String message, Throwable cause) {
        super(message, BAD_INPUT, cause);
        this.reason = reason;
        this.source = source;
    }

    public Reason reason() {
        return reason;
    }

    /** The file or display name the image came from. */
    public String source() {
        return source;
    }
}
