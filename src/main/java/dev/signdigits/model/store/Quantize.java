package dev.signdigits.model.store;

import dev.signdigits.SignDigitsException;
import java.util.Arrays;
import java.util.Locale;

/** How an export stores numbers: as trained (float32), float16 weights, or full int8. */
public enum Quantize {
    NONE("none"), FLOAT16("float16"), INT8("int8");

    private final String id;

    Quantize(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Quantize parse(String value) {
        for (Quantize q : values()) {
            if (q.id.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return q;
            }
        }
        throw new SignDigitsException("Unknown quantization '" + value + "'; use one of "
                + Arrays.stream(values()).map(Quantize::id).toList() + ".");
    }
}
