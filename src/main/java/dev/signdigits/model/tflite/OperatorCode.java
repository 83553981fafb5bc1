package dev.signdigits.model.tflite;

/**
 * Entry of the model's operator table. Files written before schema v3a keep the builtin code in
 * the byte field {@code deprecated_builtin_code}; newer files write both, with 127 (placeholder)
 * in the byte field for codes above 126: the larger of the two is the real code.
 */
public record OperatorCode(int builtinCode, String customCode, int version) {

    static OperatorCode of(int deprecatedBuiltinCode, int builtinCode, String customCode, int version) {
        return new OperatorCode(Math.max(deprecatedBuiltinCode, builtinCode), customCode, version);
    }

    public boolean isCustom() {
        return builtinCode == BuiltinOperators.CUSTOM;
    }

    /** Schema name, e.g. "CONV_2D", or the custom op's name. */
    public String name() {
        return isCustom() && customCode != null ? "CUSTOM:" + customCode : BuiltinOperators.name(builtinCode);
    }
}
