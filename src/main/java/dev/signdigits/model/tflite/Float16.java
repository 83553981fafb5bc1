package dev.signdigits.model.tflite;

/**
 * IEEE 754 half precision, as TFLite stores float16 weights (Java 17 has no conversion of its
 * own): round to nearest, ties to even; too large becomes infinity, too small a subnormal or zero.
 */
public final class Float16 {
    private Float16() {}

    /** The half-precision bits of {@code value}. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) { // infinity or NaN (kept quiet)
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) { // subnormal half: value = m * 2^-24
            int shift = 14 - e;
            if (shift > 24) {
                return (short) sign;
            }
            int full = mantissa | 0x800000;
            return (short) (sign | roundShift(full, shift));
        }
        // normal: keep 10 of 23 mantissa bits; a carry may round up into the exponent (even to infinity)
        return (short) (sign | roundShift((e << 23) | mantissa, 13));
    }

    /** The float value of half-precision {@code bits}. */
    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** {@code value >> shift}, rounded to nearest with ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }
}
