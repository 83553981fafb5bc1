package dev.signdigits.data.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.data.DecodeFailure;
import java.util.Locale;
import java.util.Map;

/** {@link DatasetStats} as a terminal report or as JSON. */
public final class StatsRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatsRenderer() {}

    public static String json(DatasetStats stats) {
        try {
            return JSON.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats are plain values and always serialize", e);
        }
    }

    public static String text(DatasetStats stats) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Dataset %s: %d photos in %d classes (SHA-256 %s)%n",
                stats.dataDir(), stats.images(), stats.labels().size(), stats.datasetSha256().substring(0, 12)));
        HandStats hands = stats.hands();
        out.append(String.format(Locale.ROOT, "%n%-6s %6s", "class", "photos"));
        stats.perSplit().keySet().forEach(split -> out.append(String.format(Locale.ROOT, " %6s", split)));
        out.append(hands == null ? "" : String.format(Locale.ROOT, " %8s", "no hand"));
        out.append('\n');
        for (String label : stats.labels()) {
            out.append(String.format(Locale.ROOT, "%-6s %6d", label, stats.perClass().get(label)));
            for (Map<String, Integer> split : stats.perSplit().values()) {
                out.append(String.format(Locale.ROOT, " %6d", split.getOrDefault(label, 0)));
            }
            out.append(hands == null ? "" : String.format(Locale.ROOT, " %8d", hands.noHandPerClass().get(label)));
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-6s %6d", "all", stats.images()));
        for (Map<String, Integer> split : stats.perSplit().values()) {
            out.append(String.format(Locale.ROOT, " %6d", split.values().stream().mapToInt(Integer::intValue).sum()));
        }
        out.append(hands == null ? "" : String.format(Locale.ROOT, " %8d", hands.noHand().size()));
        out.append('\n');
        if (stats.manifest() == null) {
            out.append("No split manifest yet: run 'signdigits data split'.\n");
        } else if (!stats.manifestMatchesDataset()) {
            out.append("Warning: ").append(stats.manifest())
                    .append(" was made from other data (dataset hash differs): run 'signdigits data split' again.\n");
        }
        out.append("\nImage sizes (width x height, upright):\n");
        stats.sizes().forEach((size, n) -> out.append(String.format(Locale.ROOT, "  %-12s %6d%n", size, n)));
        out.append("Formats: ");
        stats.formats().forEach((format, n) -> out.append(format).append(' ').append(n).append("  "));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%s in %.1f s on %d threads.%n", hands == null ? "Decoded" : "Decoded and located",
                stats.decodeSeconds(), stats.decodeThreads()));
        if (stats.unreadable().isEmpty()) {
            out.append("Unreadable photos: none.\n");
        } else {
            out.append("Unreadable photos (").append(stats.unreadable().size()).append(", skipped by training):\n");
            for (DecodeFailure failure : stats.unreadable()) {
                out.append("  ").append(failure.file()).append(" [").append(failure.reason()).append("] ")
                        .append(failure.message()).append('\n');
            }
        }
        if (hands != null) {
            out.append(hands(hands));
        }
        if (!stats.ignoredFiles().isEmpty()) {
            out.append("Ignored non-image files: ").append(String.join(", ", stats.ignoredFiles())).append('\n');
        }
        return out.toString();
    }

    private static String hands(HandStats hands) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Hand locator %s: a hand in %d of %d photos", hands.locator(),
                hands.withHand(), hands.photos()));
        if (hands.noHand().isEmpty()) {
            out.append(".\n");
        } else {
            out.append(String.format(Locale.ROOT, "; no hand in %d (left out by train with this locator):%n",
                    hands.noHand().size()));
            for (HandStats.NoHandPhoto photo : hands.noHand()) {
                out.append("  ").append(photo.file()).append("  ").append(photo.reason()).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "  (%d located, %d from the cache%s)%n", hands.located(), hands.fromCache(),
                hands.cacheFile() == null ? "" : " " + hands.cacheFile()));
        return out.toString();
    }
}
