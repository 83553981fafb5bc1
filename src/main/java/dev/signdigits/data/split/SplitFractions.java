package dev.signdigits.data.split;

import dev.signdigits.SignDigitsException;
import java.math.BigDecimal;

/** Shares of the dataset for train, validation and test; they sum to 1. */
public record SplitFractions(double train, double val, double test) {
    public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15, 0.15);

    public SplitFractions {
        if (!(train > 0 && val >= 0 && test >= 0) || Math.abs(train + val + test - 1) > 1e-6) {
            throw new SignDigitsException("Split fractions train=" + train + " val=" + val + " test=" + test
                    + " are invalid: give non-negative fractions that sum to 1, with train above 0.");
        }
    }

    public double of(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VAL -> val;
            case TEST -> test;
        };
    }

    /** "train=0.7 val=0.15 test=0.15": exact, locale-independent, stable for byte-identical manifests. */
    @Override
    public String toString() {
        return "train=" + plain(train) + " val=" + plain(val) + " test=" + plain(test);
    }

    static SplitFractions parse(String text) {
        double[] values = new double[3];
        for (String part : text.strip().split("\\s+")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                values[Split.parse(kv[0]).ordinal()] = Double.parseDouble(kv[1]);
            }
        }
        return new SplitFractions(values[0], values[1], values[2]);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
