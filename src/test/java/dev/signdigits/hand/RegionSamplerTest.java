package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sampler's lean loop against the plain definition (every sample bilinear between its four
 * neighbours, the border rule applied to each): the crops the models were trained on must not move
 * by a bit when the loop is made faster.
 */
class RegionSamplerTest {

    @Test
    void everySampleEqualsThePlainBilinearDefinition() {
        Random random = new Random(3);
        RgbFrame frame = randomFrame(random, 97, 61);
        for (int k = 0; k < 1500; k++) {
            RotatedRect region = new RotatedRect(random.nextDouble() * 140 - 20, random.nextDouble() * 100 - 20,
                    0.5 + random.nextDouble() * 150, 0.5 + random.nextDouble() * 150,
                    k % 50 == 0 ? Double.NaN : random.nextDouble() * 7 - 3.5);
            int size = 1 + random.nextInt(40);
            Border border = random.nextBoolean() ? Border.ZERO : Border.REPLICATE;
            int[] expected = reference(frame, region, size, border);

            int[] image = ((DataBufferInt) RegionSampler.toImage(frame, region, size, border).getRaster().getDataBuffer()).getData();
            assertThat(image).as("image of %s, %d px, %s", region, size, border).isEqualTo(expected);

            float[] tensor = new float[size * size * 3];
            RegionSampler.toTensor(frame, region, size, border, tensor);
            assertThat(tensor).isEqualTo(RegionSampler.toTensor(frame, region, size, border));
            for (int i = 0; i < expected.length; i++) {
                assertThat(tensor[3 * i]).isEqualTo(((expected[i] >> 16) & 0xff) / 255f);
                assertThat(tensor[3 * i + 1]).isEqualTo(((expected[i] >> 8) & 0xff) / 255f);
                assertThat(tensor[3 * i + 2]).isEqualTo((expected[i] & 0xff) / 255f);
            }
        }
    }

    @Test
    void aReusedTensorOfTheWrongLengthIsRefused() {
        RgbFrame frame = randomFrame(new Random(1), 8, 8);
        assertThatThrownBy(() -> RegionSampler.toTensor(frame, RotatedRect.letterbox(8, 8), 4, Border.ZERO, new float[47]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48");
    }

    private static RgbFrame randomFrame(Random random, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return RgbFrame.of(image);
    }

    /** The definition, one sample at a time: position, four neighbours under the border rule, bilinear mix rounded half up. */
    private static int[] reference(RgbFrame frame, RotatedRect region, int size, Border border) {
        int[] out = new int[size * size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double step = 1.0 / size;
                double cos = Math.cos(region.rotation());
                double sin = Math.sin(region.rotation());
                double[] origin = region.fromUnit(0.5 * step, 0.5 * step);
                double x = origin[0] + j * (-region.height() * step * sin) - 0.5;
                double y = origin[1] + j * (region.height() * step * cos) - 0.5;
                for (int k = 0; k < i; k++) { // the same sums in the same order as the sampler's walk along the row
                    x += region.width() * step * cos;
                    y += region.width() * step * sin;
                }
                out[j * size + i] = sample(frame, x, y, border);
            }
        }
        return out;
    }

    private static int sample(RgbFrame frame, double x, double y, Border border) {
        if (border == Border.ZERO && (x <= -1 || y <= -1 || x >= frame.width() || y >= frame.height() || Double.isNaN(x) || Double.isNaN(y))) {
            return 0;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = channel(frame, x0, y0, shift, border) * (1 - fx) + channel(frame, x0 + 1, y0, shift, border) * fx;
            double bottom = channel(frame, x0, y0 + 1, shift, border) * (1 - fx) + channel(frame, x0 + 1, y0 + 1, shift, border) * fx;
            int v = (int) (top * (1 - fy) + bottom * fy + 0.5);
            rgb |= Math.min(255, Math.max(0, v)) << shift;
        }
        return rgb;
    }

    private static int channel(RgbFrame frame, int x, int y, int shift, Border border) {
        boolean inside = x >= 0 && y >= 0 && x < frame.width() && y < frame.height();
        if (!inside && border == Border.ZERO) {
            return 0;
        }
        int cx = Math.min(frame.width() - 1, Math.max(0, x));
        int cy = Math.min(frame.height() - 1, Math.max(0, y));
        return (frame.pixels()[cy * frame.width() + cx] >> shift) & 0xff;
    }
}
