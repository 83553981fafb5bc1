package dev.signdigits.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Names the settings in which two runs differ, with both values, for a refused --resume. */
final class SettingsDiff {
    private SettingsDiff() {}

    /** E.g. "--epochs: 20 in the interrupted run, 30 now; --seed: 1 in the interrupted run, 2 now". */
    static String describe(Map<String, String> before, Map<String, String> now) {
        if (before.isEmpty()) {
            return "its checkpoint predates recorded settings, so which ones cannot be told";
        }
        List<String> differences = new ArrayList<>();
        for (String key : new TreeSet<>(union(before, now))) {
            String was = before.getOrDefault(key, "(unset)");
            String is = now.getOrDefault(key, "(unset)");
            if (!was.equals(is)) {
                differences.add("--" + key.replace('_', '-') + ": " + was + " in the interrupted run, " + is + " now");
            }
        }
        return differences.isEmpty() ? "the same flags, but a different configuration fingerprint"
                : String.join("; ", differences);
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
