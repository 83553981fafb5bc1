package dev.signdigits.data.split;

import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.LabeledFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a deterministic, seeded, stratified train/val/test split of a dataset: grouped (no group
 * in two splits) when a groups file is given, per-class random otherwise. Photos the groups file
 * does not know become groups of their own; rows for photos that are not on disk are reported.
 */
public final class SplitPlanner {
    private static final String SINGLETON_PREFIX = "file:";

    private SplitPlanner() {}

    /** @param groups the groups file, or null for an ungrouped split */
    public static SplitPlan plan(DatasetIndex index, GroupsFile groups, SplitFractions fractions, long seed) {
        Grouping grouping = groups == null ? Grouping.singletons(index) : Grouping.of(index, groups);
        Map<String, Split> splitOf = groups == null
                ? StratifiedSplitter.assign(index.entries(), index.labels().size(), fractions, seed)
                : groupedSplit(index, grouping, fractions, seed);
        List<ManifestEntry> entries = new ArrayList<>();
        for (LabeledFile file : index.entries()) {
            entries.add(new ManifestEntry(file.relativePath(), index.labelName(file),
                    grouping.groupOf().get(file.relativePath()), splitOf.get(file.relativePath())));
        }
        SplitManifest manifest = new SplitManifest(
                new SplitMetadata(seed, fractions, index.contentHash(), groups != null, index.labels()), entries);
        SplitSummary summary = new SplitSummary(groups != null, grouping.groupCount(), classCounts(index, manifest, fractions),
                grouping.missingOnDisk(), grouping.ungrouped(), grouping.labelMismatches());
        return new SplitPlan(manifest, summary);
    }

    private static Map<String, Split> groupedSplit(DatasetIndex index, Grouping grouping, SplitFractions fractions, long seed) {
        Map<String, int[]> counts = new TreeMap<>();
        for (LabeledFile file : index.entries()) {
            counts.computeIfAbsent(grouping.groupOf().get(file.relativePath()), g -> new int[index.labels().size()])[file.label()]++;
        }
        List<GroupedSplitter.Group> groups = counts.entrySet().stream()
                .map(e -> new GroupedSplitter.Group(e.getKey(), e.getValue())).toList();
        Map<String, Split> splitOfGroup = GroupedSplitter.assign(groups, fractions, seed);
        Map<String, Split> splitOf = new LinkedHashMap<>();
        grouping.groupOf().forEach((file, group) -> splitOf.put(file, splitOfGroup.get(group)));
        return splitOf;
    }

    private static List<SplitSummary.ClassCounts> classCounts(DatasetIndex index, SplitManifest manifest, SplitFractions fractions) {
        List<SplitSummary.ClassCounts> rows = new ArrayList<>();
        for (String label : index.labels()) {
            Map<Split, Integer> counts = new EnumMap<>(Split.class);
            Map<Split, Double> targets = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                counts.put(s, 0);
            }
            manifest.entries().stream().filter(e -> e.label().equals(label)).forEach(e -> counts.merge(e.split(), 1, Integer::sum));
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            for (Split s : Split.values()) {
                targets.put(s, total * fractions.of(s));
            }
            rows.add(new SplitSummary.ClassCounts(label, total, counts, targets));
        }
        return rows;
    }

    /** The group of every photo, and how the groups file and the disk disagree. */
    private record Grouping(Map<String, String> groupOf, int groupCount, List<String> missingOnDisk,
                            List<String> ungrouped, List<String> labelMismatches) {

        static Grouping singletons(DatasetIndex index) {
            Map<String, String> groupOf = new LinkedHashMap<>();
            index.entries().forEach(f -> groupOf.put(f.relativePath(), SINGLETON_PREFIX + f.relativePath()));
            return new Grouping(groupOf, groupOf.size(), List.of(), List.of(), List.of());
        }

        static Grouping of(DatasetIndex index, GroupsFile groups) {
            Map<String, String> groupOf = new LinkedHashMap<>();
            List<String> ungrouped = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            Set<String> onDisk = new HashSet<>();
            for (LabeledFile file : index.entries()) {
                onDisk.add(file.relativePath());
                GroupsFile.Row row = groups.rows().get(file.relativePath());
                if (row == null) {
                    ungrouped.add(file.relativePath());
                    groupOf.put(file.relativePath(), SINGLETON_PREFIX + file.relativePath());
                } else {
                    groupOf.put(file.relativePath(), row.group());
                    if (!row.label().equals(index.labelName(file))) {
                        mismatches.add(file.relativePath());
                    }
                }
            }
            List<String> missing = groups.rows().keySet().stream().filter(f -> !onDisk.contains(f)).sorted().toList();
            return new Grouping(groupOf, new HashSet<>(groupOf.values()).size(), missing, ungrouped, mismatches);
        }
    }
}
