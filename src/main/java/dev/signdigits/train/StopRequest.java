package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM during training: stop at the next step boundary instead of letting the JVM's
 * shutdown tear native PyTorch memory down under a running backward pass (that crashed the JVM).
 * The first signal asks; the run then ends with the last completed epoch's checkpoint on disk, ready
 * for {@code --resume}. A second signal halts at once (the checkpoints are atomic, so that is safe
 * too, only less tidy).
 */
public final class StopRequest {
    private static final Logger LOG = LoggerFactory.getLogger(StopRequest.class);
    private static final AtomicReference<String> REQUESTED = new AtomicReference<>();

    private StopRequest() {
    }

    /** Routes SIGINT and SIGTERM to a stop request for the rest of this process's life. */
    public static void installSignalHandlers() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!REQUESTED.compareAndSet(null, "SIG" + signal.getName())) {
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                LOG.warn("SIG{} received: stopping at the next step; the last completed epoch stays resumable"
                        + " (send it again to stop at once)", signal.getName());
            });
        }
    }

    /** Asks training to stop, as a signal would (tests). */
    static void request(String reason) {
        REQUESTED.compareAndSet(null, reason);
    }

    static void clear() {
        REQUESTED.set(null);
    }

    /** Throws when a stop was requested; called between steps, never inside a native call. */
    static void check() {
        String reason = REQUESTED.get();
        if (reason != null) {
            throw new SignDigitsException("Training stopped by " + reason + "; continue from the last completed epoch"
                    + " with `signdigits train --resume` and the same flags.",
                    STOPPED, null);
        }
    }

    /** Exit code of a run stopped by a signal, as shells report a SIGTERM. */
    public static final int STOPPED = 143;
}
