package dev.signdigits.web;

import java.nio.channels.ClosedChannelException;
import org.eclipse.jetty.io.EofException;

/**
 * The client closed its connection before its request was read in full. Not a server error: the
 * request is counted with status {@value #STATUS} (nginx's "client closed request") and logged in
 * one line at INFO, since nobody is left to read an answer.
 */
public final class ClientGoneException extends RuntimeException {
    public static final int STATUS = 499;

    public ClientGoneException(Throwable cause) {
        super("the client closed the connection before its request was read", cause, false, false);
    }

    /**
     * Whether {@code e} or one of its causes is the end of a connection mid-request: Jetty's
     * {@link EofException} (e.g. "Early EOF"). Not any {@link java.io.EOFException}: a complete body
     * that ends before its multipart end is the client's mistake (400), not a vanished client.
     */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientGoneException || t instanceof EofException || t instanceof ClosedChannelException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
