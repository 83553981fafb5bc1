package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundsTest {

    @Test
    void sameSeedSameBackgroundAndTheKindsVary() {
        Set<Integer> corners = new HashSet<>();
        double spread = 0;
        for (long seed = 0; seed < 40; seed++) {
            BufferedImage a = Backgrounds.draw(64, 48, new SplittableRandom(seed));
            BufferedImage b = Backgrounds.draw(64, 48, new SplittableRandom(seed));
            assertThat(a.getWidth()).isEqualTo(64);
            assertThat(a.getHeight()).isEqualTo(48);
            assertThat(pixels(a)).isEqualTo(pixels(b));
            corners.add(a.getRGB(0, 0));
            spread += Math.abs(((a.getRGB(0, 0) >> 8) & 0xff) - ((a.getRGB(63, 47) >> 8) & 0xff));
        }
        assertThat(corners).as("40 backgrounds are not one colour").hasSizeGreaterThan(20);
        assertThat(spread / 40).as("and not flat: corners differ on average").isGreaterThan(10);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
