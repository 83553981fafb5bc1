package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

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
        Augmentation none = new Augmentation(0, 1.0, 0, 0, 0, false);
        BufferedImage out = none.apply(src, 100, new SplittableRandom(5));
        assertThat(meanAbsDiff(out, src)).isLessThan(2.0);
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
