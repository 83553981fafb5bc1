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
 * in two splits) when a groups file is given, per-class random otherwise.
 */
public final class SplitPlanner {
    private static final String SINGLETON_PREFIX = "file:";

    private SplitPlanner() {}

    /** @param groups the groups file, or null for an ungrouped split */
    public static SplitPlan plan(DatasetIndex index, GroupsFile groups, SplitFractions fractions, long seed) {
        List<String> labels = index.labels();
        Map<String, String> groupOf = new LinkedHashMap<>();
        List<String> ungrouped = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Split> splitOf;
        int groupCount;
        if (groups != null) {
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
            groups.rows().keySet().stream().filter(f -> !onDisk.contains(f)).sorted().forEach(missing::add);
            Map<String, int[]> counts = new TreeMap<>();
            for (LabeledFile file : index.entries()) {
                counts.computeIfAbsent(groupOf.get(file.relativePath()), g -> new int[labels.size()])[file.label()]++;
            }
            List<GroupedSplitter.Group> list = counts.entrySet().stream()
                    .map(e -> new GroupedSplitter.Group(e.getKey(), e.getValue())).toList();
            Map<String, Split> groupSplit = GroupedSplitter.assign(list, fractions, seed);
            splitOf = new LinkedHashMap<>();
            for (LabeledFile file : index.entries()) {
                splitOf.put(file.relativePath(), groupSplit.get(groupOf.get(file.relativePath())));
            }
            groupCount = counts.size();
        } else {
            splitOf = StratifiedSplitter.assign(index.entries(), labels.size(), fractions, seed);
            groupCount = index.size();
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (LabeledFile file : index.entries()) {
            String group = groups != null ? groupOf.get(file.relativePath()) : SINGLETON_PREFIX + file.relativePath();
            entries.add(new ManifestEntry(file.relativePath(), index.labelName(file), group, splitOf.get(file.relativePath())));
        }
        SplitManifest manifest = new SplitManifest(
                new SplitMetadata(seed, fractions, index.contentHash(), groups != null, labels), entries);
        SplitSummary summary = new SplitSummary(groups != null, groupCount, classCounts(index, manifest, fractions),
                missing, ungrouped, mismatches);
        return new SplitPlan(manifest, summary);
    }

    private static List<SplitSummary.ClassCounts> classCounts(DatasetIndex index, SplitManifest manifest, SplitFractions fractions) {
        List<SplitSummary.ClassCounts> rows = new ArrayList<>();
        for (String label : index.labels()) {
            Map<Split, Integer> counts = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                counts.put(s, 0);
            }
            manifest.entries().stream().filter(e -> e.label().equals(label)).forEach(e -> counts.merge(e.split(), 1, Integer::sum));
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            Map<Split, Double> targets = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                targets.put(s, total * fractions.of(s));
            }
            rows.add(new SplitSummary.ClassCounts(label, total, counts, targets));
        }
        return rows;
    }
}
