package dev.signdigits.cli;

/**
 * Settings that DJL and PyTorch read once, when the engine loads: they must be in place before
 * the first DJL call. Threads default to the machine's cores (2 here) for intra-op work and 1 for
 * inter-op, which measured fastest for MobileNet on small CPUs; SIGNDIGITS_THREADS overrides.
 */
public final class NativeSetup {
    private NativeSetup() {}

    public static void beforeFirstDjlCall() {
        String threads = System.getenv("SIGNDIGITS_THREADS");
        if (threads == null || threads.isBlank()) {
            threads = Integer.toString(Runtime.getRuntime().availableProcessors());
        }
        setIfAbsent("ai.djl.pytorch.num_threads", threads);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // The PyTorch native library ships in a jar: never try to download one.
        setIfAbsent("ai.djl.offline", "true");
        // We draw our own progress bars.
        setIfAbsent("ai.djl.disable_progress_bar", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
