package dev.signdigits.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA on stderr. On a terminal it redraws in place; when
 * stderr is not a terminal (CI logs, pipes) it prints a plain line at most every few seconds, so
 * logs stay readable.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;
    private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrint;
    private String suffix = "";

    public ProgressBar(String task, long total, String unit) {
        this(task, total, unit, System.err, System.console() != null);
    }

    public ProgressBar(String task, long total, String unit, PrintStream out, boolean interactive) {
        this.task = task;
        this.total = Math.max(total, 0);
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
    }

    /** Extra text after the bar, e.g. "loss 0.123 acc 0.98". */
    public synchronized void setSuffix(String suffix) {
        this.suffix = suffix == null ? "" : suffix;
    }

    public synchronized void step(long n) {
        done = Math.min(total == 0 ? done + n : total, done + n);
        long now = System.nanoTime();
        if (interactive ? now - lastPrint > 100_000_000L || done == total : now - lastPrint > PLAIN_INTERVAL_NANOS) {
            lastPrint = now;
            print(false);
        }
    }

    public void step() {
        step(1);
    }

    public synchronized long done() {
        return done;
    }

    @Override
    public synchronized void close() {
        print(true);
    }

    private void print(boolean last) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && total > 0 ? format(Duration.ofMillis((long) ((total - done) / rate * 1000))) : "--:--";
        String line = String.format(Locale.ROOT, "%s %s %d/%d %s (%.1f %s/s, %s %s)%s",
                task, bar(), done, total, unit, rate, unit,
                last ? "took" : "ETA", last ? format(Duration.ofMillis((long) (seconds * 1000))) : eta,
                suffix.isEmpty() ? "" : " " + suffix);
        if (interactive) {
            out.print("\r\033[2K" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar() {
        int filled = total == 0 ? 0 : (int) (WIDTH * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
