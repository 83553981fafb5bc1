package dev.signdigits.data.report;

import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.hands.DatasetHands;
import dev.signdigits.hand.HandResult;
import dev.signdigits.image.ImageFormat;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Decodes every photo of a dataset (to find the unreadable ones) and counts what it finds; with a
 * hand locator, also where it finds no hand.
 */
public final class StatsCollector {
    private StatsCollector() {}

    /** What one photo contributes; the pixels are dropped on the worker thread. */
    private record Shape(ImageFormat format, int width, int height, HandResult hand) {}

    /** Without the hand locator. */
    public static DatasetStats collect(DatasetIndex index, SplitManifest manifest, Path manifestPath,
                                       BulkDecoder decoder, LongConsumer progress) {
        return collect(index, manifest, manifestPath, decoder, null, progress);
    }

    /**
     * @param manifest     the split manifest, or null
     * @param manifestPath where it was read from (for the report), or null
     * @param hands        locates the hand in each photo (on the decoding threads), or null
     */
    public static DatasetStats collect(DatasetIndex index, SplitManifest manifest, Path manifestPath,
                                       BulkDecoder decoder, DatasetHands hands, LongConsumer progress) {
        BulkDecoder.BulkResult<Shape> result = decoder.decodeAll(index, index.entries(),
                (file, image) -> new Shape(image.format(), image.originalWidth(), image.originalHeight(),
                        hands == null ? null : hands.locate(file, image.rgb())), progress);
        Map<String, Integer> sizes = new TreeMap<>();
        Map<String, Integer> formats = new TreeMap<>();
        for (BulkDecoder.Loaded<Shape> loaded : result.items()) {
            sizes.merge(loaded.value().width() + "x" + loaded.value().height(), 1, Integer::sum);
            formats.merge(loaded.value().format().name(), 1, Integer::sum);
        }
        String hash = index.contentHash();
        return new DatasetStats(index.root().toString(), hash, index.size(), index.labels(), index.countsPerLabel(),
                manifestPath == null ? null : manifestPath.toString(),
                manifest == null ? null : manifest.matches(index),
                manifest == null ? Map.of() : perSplit(manifest),
                mostCommonFirst(sizes), formats, result.report().failures(), index.ignoredFiles(),
                result.report().elapsed().toMillis() / 1000.0, result.report().threads(),
                hands == null ? null : handStats(index, result.items(), hands));
    }

    private static HandStats handStats(DatasetIndex index, List<BulkDecoder.Loaded<Shape>> items, DatasetHands hands) {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        index.labels().forEach(label -> perClass.put(label, 0));
        List<HandStats.NoHandPhoto> noHand = new ArrayList<>();
        for (BulkDecoder.Loaded<Shape> loaded : items) {
            if (loaded.value().hand() instanceof HandResult.NoHand none) {
                String label = index.labelName(loaded.file());
                perClass.merge(label, 1, Integer::sum);
                noHand.add(new HandStats.NoHandPhoto(loaded.file().relativePath(), label, none.reason()));
            }
        }
        Path cache = hands.cacheFile();
        return new HandStats(hands.spec().toString(), items.size(), items.size() - noHand.size(), perClass, noHand,
                hands.fromCache(), hands.located(), cache == null ? null : cache.toString());
    }

    private static Map<String, Map<String, Integer>> perSplit(SplitManifest manifest) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            manifest.metadata().labels().forEach(label -> perClass.put(label, 0));
            for (ManifestEntry entry : manifest.entries(split)) {
                perClass.merge(entry.label(), 1, Integer::sum);
            }
            counts.put(split.id(), perClass);
        }
        return counts;
    }

    private static Map<String, Integer> mostCommonFirst(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
