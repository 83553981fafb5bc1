package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.hand.HandMask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import dev.signdigits.image.ModelInput;

class AugmentationTest {
    static final Path PHOTO = Path.of("..", "shared", "datasets", "sign-language-digits", "3", "IMG_1121.JPG");

    @Test
    void sameSeedSameImageOtherSeedOtherImage() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        Augmentation aug = Augmentation.defaults(true);
        int[] a = pixels(aug.apply(src, 64, new SplittableRandom(1)));
        int[] b = pixels(aug.apply(src, 64, new SplittableRandom(1)));
        int[] c = pixels(aug.apply(src, 64, new SplittableRandom(2)));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void keepsTheHandInViewAndTheSizeAsked() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        BufferedImage out = Augmentation.defaults(false).apply(src, 96, new SplittableRandom(3));
        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getHeight()).isEqualTo(96);
        // A small rotation and a crop of at least 80% keep most of the photo's content: the mean
        // absolute difference from the plain resize stays well below that of an unrelated image.
        BufferedImage plain = new dev.signdigits.image.ModelInput(96, 128, 128).resize(src);
        assertThat(meanAbsDiff(out, plain)).isLessThan(60);
    }

    @Test
    void noJitterMeansPlainResize() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        Augmentation none = new Augmentation(0, 1.0, 0, 0, 0, false, 0, 0);
        BufferedImage out = none.apply(src, 100, new SplittableRandom(5));
        assertThat(meanAbsDiff(out, src)).isLessThan(2.0);
    }

    @Test
    void withSharesZeroTheVariantsAreThoseOfTheSettingsBefore() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        HandMask disc = disc(src.getWidth(), src.getHeight());
        for (long seed = 0; seed < 5; seed++) {
            BufferedImage before = Augmentation.defaults(true).apply(src, 64, new SplittableRandom(seed));
            BufferedImage now = Augmentation.defaults(true).apply(src, 64, new SplittableRandom(seed), disc);
            assertThat(pixels(now)).isEqualTo(pixels(before));
        }
    }

    @Test
    void aReplacedBackgroundKeepsTheHandAndChangesTheRest() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        int size = src.getWidth();
        HandMask disc = disc(size, src.getHeight());
        Augmentation swap = new Augmentation(0, 1.0, 0, 0, 0, false, 1, 0);
        int changedOutside = 0;
        for (long seed = 0; seed < 20; seed++) {
            BufferedImage out = swap.apply(src, size, new SplittableRandom(seed), disc);
            // inside the disc the photo is kept (the plain resize's interpolation only)
            assertThat(Math.abs(channelSum(out.getRGB(size / 2, size / 2)) - channelSum(src.getRGB(size / 2, size / 2)))).isLessThan(6);
            changedOutside += Math.abs(channelSum(out.getRGB(2, 2)) - channelSum(src.getRGB(2, 2))) > 30 ? 1 : 0;
        }
        assertThat(changedOutside).as("new backgrounds in the corner, out of 20").isGreaterThan(14);
    }

    @Test
    void greyVariantsHaveEqualChannels() throws IOException {
        BufferedImage src = ImageIO.read(PHOTO.toFile());
        BufferedImage out = Augmentation.defaults(false).withShares(0, 1).apply(src, 48, new SplittableRandom(1));
        for (int p : pixels(out)) {
            assertThat((p >> 16) & 0xff).isEqualTo((p >> 8) & 0xff).isEqualTo(p & 0xff);
        }
        assertThatThrownBy(() -> Augmentation.defaults(false).withShares(1.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A disc in the middle of the picture, a third of its width across: a stand-in for a hand's mask. */
    private static HandMask disc(int width, int height) {
        float[] alpha = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                alpha[y * width + x] = Math.hypot(x - width / 2.0, y - height / 2.0) < width / 6.0 ? 1 : 0;
            }
        }
        return new HandMask(width, height, alpha);
    }

    private static int channelSum(int p) {
        return ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
