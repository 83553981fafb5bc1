package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CameraDegradationTest {

    /** A checkerboard with a gradient: sharp edges and a known mean. */
    private static BufferedImage pattern() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int v = ((x / 4 + y / 4) % 2 == 0 ? 60 : 190) + x / 8;
                img.setRGB(x, y, v << 16 | (v - 20) << 8 | (v + 10));
            }
        }
        return img;
    }

    private static double mean(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                sum += (img.getRGB(x, y) >> 8) & 0xff;
            }
        }
        return sum / (img.getWidth() * img.getHeight());
    }

    /** Mean absolute difference of horizontal neighbours (green channel): the edges' energy. */
    private static double edges(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 1; x < img.getWidth(); x++) {
                sum += Math.abs(((img.getRGB(x, y) >> 8) & 0xff) - ((img.getRGB(x - 1, y) >> 8) & 0xff));
            }
        }
        return sum / (img.getHeight() * (img.getWidth() - 1));
    }

    @Test
    void blurSoftensEdgesAndKeepsTheMean() {
        BufferedImage sharp = pattern();
        double before = edges(sharp);
        double m = mean(sharp);
        BufferedImage blurred = CameraDegradation.blur(pattern(), 2.0);
        assertThat(edges(blurred)).isLessThan(before * 0.5);
        assertThat(mean(blurred)).isCloseTo(m, within(1.0));
    }

    @Test
    void aDimRoomIsDarkerByTheGainAndGamma() {
        double m = mean(pattern());
        double dimmed = mean(CameraDegradation.dim(pattern(), 0.5, 1.2));
        assertThat(dimmed).isLessThan(m * 0.5).isGreaterThan(m * 0.25);
    }

    @Test
    void lowQualityJpegChangesPixelsButNotThePicture() {
        BufferedImage original = pattern();
        BufferedImage jpeg = CameraDegradation.jpeg(pattern(), 0.1f);
        assertThat(jpeg.getWidth()).isEqualTo(64);
        double diff = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                diff += Math.abs(((original.getRGB(x, y) >> 8) & 0xff) - ((jpeg.getRGB(x, y) >> 8) & 0xff));
            }
        }
        diff /= 64 * 64;
        assertThat(diff).isGreaterThan(1).isLessThan(40);
        assertThat(mean(jpeg)).isCloseTo(mean(original), within(6.0));
    }

    @Test
    void theSameDrawDegradesTheSameWay() {
        for (long seed = 0; seed < 8; seed++) {
            BufferedImage a = CameraDegradation.apply(pattern(), new SplittableRandom(seed));
            BufferedImage b = CameraDegradation.apply(pattern(), new SplittableRandom(seed));
            assertThat(a.getRGB(0, 0, 64, 64, null, 0, 64)).containsExactly(b.getRGB(0, 0, 64, 64, null, 0, 64));
        }
    }

    @Test
    void aShareOfZeroLeavesTheVariantsAsTheyWere() {
        Augmentation before = Augmentation.defaults(true).withShares(0, 0.25);
        Augmentation now = before.withDegradeShare(0);
        BufferedImage a = before.apply(pattern(), 32, new SplittableRandom(3));
        BufferedImage b = now.apply(pattern(), 32, new SplittableRandom(3));
        assertThat(a.getRGB(0, 0, 32, 32, null, 0, 32)).containsExactly(b.getRGB(0, 0, 32, 32, null, 0, 32));
        BufferedImage c = before.withDegradeShare(1).apply(pattern(), 32, new SplittableRandom(3));
        assertThat(c.getRGB(0, 0, 32, 32, null, 0, 32)).isNotEqualTo(a.getRGB(0, 0, 32, 32, null, 0, 32));
    }
}
