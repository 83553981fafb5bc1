package dev.signdigits.data;

import dev.signdigits.image.ImageDecodeException.Reason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bulk decode did: how many photos, which were skipped and why, and how long it took.
 * Every skipped file is listed; none is dropped silently.
 */
public record DecodeReport(int attempted, List<DecodeFailure> failures, Duration elapsed, int threads) {
    public DecodeReport {
        failures = List.copyOf(failures);
    }

    public int decoded() {
        return attempted - failures.size();
    }

    public Map<Reason, Integer> failuresByReason() {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        failures.forEach(f -> counts.merge(f.reason(), 1, Integer::sum));
        return counts;
    }

    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? attempted / seconds : 0;
    }

    /** One line, e.g. "1862 photos decoded in 1.4 s (1330/s on 2 threads), 0 skipped." */
    public String summary() {
        String base = String.format(Locale.ROOT, "%d of %d photos decoded in %.1f s (%.0f/s on %d threads)",
                decoded(), attempted, elapsed.toNanos() / 1e9, imagesPerSecond(), threads);
        if (failures.isEmpty()) {
            return base + ", none skipped.";
        }
        return base + ", " + failures.size() + " skipped " + failuresByReason().toString().toLowerCase(Locale.ROOT) + ".";
    }
}
