package dev.signdigits.system;

/**
 * The one place that sets PyTorch's thread counts and the other settings DJL and PyTorch read once,
 * when the engine loads: they must be in place before the first DJL call. Intra-op threads default
 * to SIGNDIGITS_THREADS, else the machine's cores (2 here); inter-op threads are 1. That measured
 * fastest for MobileNet on small CPUs.
 */
public final class NativeSetup {
    static final String THREADS = "ai.djl.pytorch.num_threads";
    static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private NativeSetup() {}

    /** The defaults, where nothing (a -D flag, an earlier call) chose otherwise. */
    public static void beforeFirstDjlCall() {
        String threads = System.getenv("SIGNDIGITS_THREADS");
        if (threads == null || threads.isBlank()) {
            threads = Integer.toString(Runtime.getRuntime().availableProcessors());
        }
        setIfAbsent(THREADS, threads);
        setIfAbsent(INTEROP_THREADS, "1");
        // The PyTorch native library ships in a jar: never try to download one.
        setIfAbsent("ai.djl.offline", "true");
        // We draw our own progress bars.
        setIfAbsent("ai.djl.disable_progress_bar", "true");
    }

    /**
     * The defaults, with exactly {@code threads} intra-op threads when it is above 0 (a --threads
     * option); 0 keeps the default. Has no effect on an engine this process already loaded.
     */
    public static void beforeFirstDjlCall(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the default) or more, got " + threads);
        }
        if (threads > 0) {
            System.setProperty(THREADS, Integer.toString(threads));
        }
        beforeFirstDjlCall();
    }

    /** The intra-op thread count set for the engine, or "default" where none was set. */
    public static String threads() {
        return System.getProperty(THREADS, "default");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
