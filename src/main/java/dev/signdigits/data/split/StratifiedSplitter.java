package dev.signdigits.data.split;

import dev.signdigits.data.LabeledFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Without groups: each class is shuffled with the seed and cut by the fractions. */
final class StratifiedSplitter {
    private StratifiedSplitter() {}

    /** Relative path -> split. */
    static Map<String, Split> assign(List<LabeledFile> files, int classes, SplitFractions fractions, long seed) {
        Random random = new Random(seed);
        Map<String, Split> result = new LinkedHashMap<>();
        for (int label = 0; label < classes; label++) {
            List<LabeledFile> members = new ArrayList<>();
            for (LabeledFile file : files) {
                if (file.label() == label) {
                    members.add(file);
                }
            }
            members.sort(Comparator.comparing(LabeledFile::relativePath));
            Collections.shuffle(members, random);
            int n = members.size();
            int train = (int) Math.round(n * fractions.train());
            int val = Math.min(n - train, (int) Math.round(n * fractions.val()));
            if (fractions.test() == 0) {
                val = n - train;
            }
            for (int i = 0; i < n; i++) {
                Split split = i < train ? Split.TRAIN : i < train + val ? Split.VAL : Split.TEST;
                result.put(members.get(i).relativePath(), split);
            }
        }
        return result;
    }
}
