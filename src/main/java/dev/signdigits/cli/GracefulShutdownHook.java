package dev.signdigits.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM / SIGINT into a graceful stop that exits with status 0. The JVM runs shutdown hooks
 * on those signals and would then exit with 128+signal; this hook stops the server (which finishes
 * in-flight requests), lets the command print its last line and release its resources, then halts
 * with 0: a requested stop that went well is a success for process supervisors.
 */
final class GracefulShutdownHook implements AutoCloseable {
    private static final long COMMAND_CLEANUP_SECONDS = 10;

    private final Thread hook;
    private final CountDownLatch commandDone = new CountDownLatch(1);
    private volatile boolean triggered;

    private GracefulShutdownHook(Runnable stop) {
        this.hook = new Thread(() -> {
            triggered = true;
            stop.run();
            try {
                commandDone.await(COMMAND_CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "graceful-shutdown");
    }

    /** Installs the hook; {@code stop} must be idempotent and return once in-flight work has finished. */
    static GracefulShutdownHook install(Runnable stop) {
        GracefulShutdownHook shutdown = new GracefulShutdownHook(stop);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** The command has cleaned up: a signal-triggered exit may proceed; otherwise the hook is removed. */
    @Override
    public void close() {
        commandDone.countDown();
        if (!triggered) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived just now: the hook runs and exits with 0 once it sees commandDone
            }
        }
    }
}
