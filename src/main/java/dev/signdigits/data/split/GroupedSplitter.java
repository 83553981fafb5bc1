package dev.signdigits.data.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Assigns whole groups to splits so that every class's count in every split is as close as
 * possible to its share. Groups are placed greedily, biggest first (in seeded random order among
 * equals), each where it reduces the squared deviation most; then single moves and pairwise swaps
 * between splits are applied while they lower the worst deviation (then the sum of squares).
 * With the dataset's sessions of ten (one photo per digit) this lands within one photo of the
 * target for every class and split.
 */
final class GroupedSplitter {
    private static final int MAX_PASSES = 50;
    private static final double EPSILON = 1e-9;

    /** A group and its photo count per class. */
    record Group(String id, int[] counts) {
        int size() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }
    }

    private final List<Group> groups;
    private final int[] assignment;
    private final double[][] deviation; // [split][class]: count minus target

    private GroupedSplitter(List<Group> groups, SplitFractions fractions) {
        this.groups = groups;
        this.assignment = new int[groups.size()];
        int classes = groups.get(0).counts().length;
        double[] totals = new double[classes];
        for (Group g : groups) {
            for (int c = 0; c < classes; c++) {
                totals[c] += g.counts()[c];
            }
        }
        deviation = new double[Split.values().length][classes];
        for (Split s : Split.values()) {
            for (int c = 0; c < classes; c++) {
                deviation[s.ordinal()][c] = -totals[c] * fractions.of(s);
            }
        }
    }

    /** Group id -> split, for groups that all have the same number of classes. */
    static Map<String, Split> assign(List<Group> groups, SplitFractions fractions, long seed) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        List<Group> order = new ArrayList<>(groups);
        order.sort(Comparator.comparing(Group::id));
        Collections.shuffle(order, new Random(seed));
        order.sort(Comparator.comparingInt(Group::size).reversed()); // stable: random among equal sizes
        GroupedSplitter splitter = new GroupedSplitter(order, fractions);
        splitter.placeGreedily(fractions);
        splitter.improve();
        Map<String, Split> result = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            result.put(order.get(i).id(), Split.values()[splitter.assignment[i]]);
        }
        return result;
    }

    private void placeGreedily(SplitFractions fractions) {
        for (int i = 0; i < groups.size(); i++) {
            int best = -1;
            double bestDelta = Double.MAX_VALUE;
            for (Split s : Split.values()) {
                if (fractions.of(s) == 0) {
                    continue;
                }
                double delta = addCost(groups.get(i).counts(), s.ordinal(), 1);
                if (delta < bestDelta - EPSILON) {
                    best = s.ordinal();
                    bestDelta = delta;
                }
            }
            assignment[i] = best;
            add(groups.get(i).counts(), best, 1);
        }
    }

    /** Local search: moves, then swaps, until a pass finds nothing better. */
    private void improve() {
        double[] score = score();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean improved = false;
            for (int i = 0; i < groups.size(); i++) {
                for (int target = 0; target < deviation.length; target++) {
                    int from = assignment[i];
                    if (target == from) {
                        continue;
                    }
                    move(i, target);
                    double[] candidate = score();
                    if (better(candidate, score)) {
                        score = candidate;
                        improved = true;
                    } else {
                        move(i, from);
                    }
                }
            }
            for (int i = 0; i < groups.size(); i++) {
                for (int j = i + 1; j < groups.size(); j++) {
                    int a = assignment[i];
                    int b = assignment[j];
                    if (a == b || java.util.Arrays.equals(groups.get(i).counts(), groups.get(j).counts())) {
                        continue;
                    }
                    move(i, b);
                    move(j, a);
                    double[] candidate = score();
                    if (better(candidate, score)) {
                        score = candidate;
                        improved = true;
                    } else {
                        move(i, a);
                        move(j, b);
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    private void move(int group, int to) {
        add(groups.get(group).counts(), assignment[group], -1);
        add(groups.get(group).counts(), to, 1);
        assignment[group] = to;
    }

    private void add(int[] counts, int split, int sign) {
        for (int c = 0; c < counts.length; c++) {
            deviation[split][c] += sign * counts[c];
        }
    }

    private double addCost(int[] counts, int split, int sign) {
        double delta = 0;
        for (int c = 0; c < counts.length; c++) {
            double before = deviation[split][c];
            double after = before + sign * counts[c];
            delta += after * after - before * before;
        }
        return delta;
    }

    /** {worst absolute deviation, sum of squared deviations}. */
    private double[] score() {
        double worst = 0;
        double squares = 0;
        for (double[] split : deviation) {
            for (double d : split) {
                worst = Math.max(worst, Math.abs(d));
                squares += d * d;
            }
        }
        return new double[] {worst, squares};
    }

    private static boolean better(double[] candidate, double[] current) {
        if (candidate[0] < current[0] - EPSILON) {
            return true;
        }
        return candidate[0] <= current[0] + EPSILON && candidate[1] < current[1] - EPSILON;
    }
}
