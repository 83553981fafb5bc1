package dev.signdigits.model.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Float16Test {

    @Test
    void encodesKnownValues() {
        assertThat(bits(1f)).isEqualTo(0x3c00);
        assertThat(bits(-2f)).isEqualTo(0xc000);
        assertThat(bits(0.1f)).isEqualTo(0x2e66);
        assertThat(bits(65504f)).as("largest half").isEqualTo(0x7bff);
        assertThat(bits(0x1p-24f)).as("smallest subnormal").isEqualTo(0x0001);
        assertThat(bits(0x1p-14f)).as("smallest normal").isEqualTo(0x0400);
        assertThat(bits(-0f)).isEqualTo(0x8000);
    }

    @Test
    void roundsToNearestEvenAndOverflowsToInfinity() {
        assertThat(bits(1f + 0x1p-11f)).as("tie between 1 and 1+2^-10 goes to even 1").isEqualTo(0x3c00);
        assertThat(bits(1f + 3 * 0x1p-11f)).as("tie goes to even 1+2^-9").isEqualTo(0x3c02);
        assertThat(bits(65520f)).as("halfway to 65536 rounds to infinity").isEqualTo(0x7c00);
        assertThat(bits(Float.POSITIVE_INFINITY)).isEqualTo(0x7c00);
        assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN)))).isTrue();
        assertThat(bits(0x1p-26f)).as("below half the smallest subnormal").isEqualTo(0);
    }

    @Test
    void roundTripIsWithinHalfAStep() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4));
            float back = Float16.toFloat(Float16.fromFloat(v));
            float step = Math.abs(v) < 0x1p-14f ? 0x1p-24f : Math.ulp(back) * (1 << 13);
            assertThat(Math.abs(back - v)).as("%s -> %s", v, back).isLessThanOrEqualTo(step / 2);
        }
    }

    private static int bits(float v) {
        return Float16.fromFloat(v) & 0xffff;
    }
}
