package dev.signdigits.data.report;

import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.image.ImageFormat;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/** Decodes every photo of a dataset (to find the unreadable ones) and counts what it finds. */
public final class StatsCollector {
    private StatsCollector() {}

    /** What one photo contributes; the pixels are dropped on the worker thread. */
    private record Shape(ImageFormat format, int width, int height) {}

    /**
     * @param manifest     the split manifest, or null
     * @param manifestPath where it was read from (for the report), or null
     */
    public static DatasetStats collect(DatasetIndex index, SplitManifest manifest, Path manifestPath,
                                       BulkDecoder decoder, LongConsumer progress) {
        BulkDecoder.BulkResult<Shape> result = decoder.decodeAll(index, index.entries(),
                (file, image) -> new Shape(image.format(), image.originalWidth(), image.originalHeight()), progress);
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
                result.report().elapsed().toMillis() / 1000.0, result.report().threads());
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
