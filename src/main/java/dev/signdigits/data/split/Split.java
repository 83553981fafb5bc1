package dev.signdigits.data.split;

import dev.signdigits.SignDigitsException;
import java.util.Locale;

/** The three parts of a dataset. */
public enum Split {
    TRAIN, VAL, TEST;

    /** "train", "val" or "test", as written in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split parse(String id) {
        for (Split split : values()) {
            if (split.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return split;
            }
        }
        throw new SignDigitsException("\"" + id + "\" is not a split: use train, val or test.");
    }
}
