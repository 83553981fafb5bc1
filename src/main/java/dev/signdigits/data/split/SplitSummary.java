package dev.signdigits.data.split;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a split did, for the user and for tests: counts against targets per class, and every file
 * that did not match the groups file.
 *
 * @param grouped         whether groups were kept together
 * @param groupCount      number of groups (singletons included)
 * @param classes         per-class counts and targets
 * @param missingOnDisk   files listed in the groups file that are not in the dataset
 * @param ungrouped       photos without a row in the groups file (each became its own group)
 * @param labelMismatches photos whose groups-file label differs from their folder (the folder wins)
 */
public record SplitSummary(boolean grouped, int groupCount, List<ClassCounts> classes,
                           List<String> missingOnDisk, List<String> ungrouped, List<String> labelMismatches) {

    public SplitSummary {
        classes = List.copyOf(classes);
        missingOnDisk = List.copyOf(missingOnDisk);
        ungrouped = List.copyOf(ungrouped);
        labelMismatches = List.copyOf(labelMismatches);
    }

    /** One class: photos per split and the ideal (fractional) share. */
    public record ClassCounts(String label, int total, Map<Split, Integer> counts, Map<Split, Double> targets) {
        public ClassCounts {
            counts = Map.copyOf(counts);
            targets = Map.copyOf(targets);
        }

        public double deviation(Split split) {
            return counts.get(split) - targets.get(split);
        }
    }

    /** The largest |count - share| over all classes and splits. */
    public double maxDeviation() {
        double worst = 0;
        for (ClassCounts c : classes) {
            for (Split s : Split.values()) {
                worst = Math.max(worst, Math.abs(c.deviation(s)));
            }
        }
        return worst;
    }

    public int total(Split split) {
        return classes.stream().mapToInt(c -> c.counts().get(split)).sum();
    }

    /** A table and notes for the terminal. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %6s %16s %16s %16s%n", "class", "total", "train (share)", "val (share)", "test (share)"));
        for (ClassCounts c : classes) {
            out.append(String.format(Locale.ROOT, "%-6s %6d", c.label(), c.total()));
            for (Split s : Split.values()) {
                out.append(String.format(Locale.ROOT, " %7d (%6.1f)", c.counts().get(s), c.targets().get(s)));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-6s %6d %7d %8s %7d %8s %7d%n", "all",
                classes.stream().mapToInt(ClassCounts::total).sum(), total(Split.TRAIN), "", total(Split.VAL), "", total(Split.TEST)));
        out.append(String.format(Locale.ROOT, "Largest deviation of a class from its share: %.1f photos.%n", maxDeviation()));
        if (grouped) {
            out.append(groupCount).append(" groups; no group is in two splits.\n");
        }
        note(out, missingOnDisk, "listed in the groups file but not in the dataset (ignored)");
        note(out, ungrouped, "not in the groups file: each was split as its own group");
        note(out, labelMismatches, "labelled differently in the groups file than by their folder (the folder counts)");
        return out.toString();
    }

    private static void note(StringBuilder out, List<String> files, String what) {
        if (files.isEmpty()) {
            return;
        }
        out.append(files.size()).append(files.size() == 1 ? " file " : " files ").append(what).append(": ")
                .append(String.join(", ", files.subList(0, Math.min(5, files.size()))))
                .append(files.size() > 5 ? ", ..." : "").append('\n');
    }
}
