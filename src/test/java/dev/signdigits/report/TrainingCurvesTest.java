package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.eval.EpochMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    @Test
    void writesLossAndAccuracyPngs() throws Exception {
        TrainingCurves.write(RealPhotos.epochs(12), dir);

        for (String name : List.of(TrainingCurves.LOSS_FILE, TrainingCurves.ACCURACY_FILE)) {
            BufferedImage png = ImageIO.read(dir.resolve(name).toFile());
            assertThat(png.getWidth()).as(name).isEqualTo(TrainingCurves.WIDTH);
            assertThat(png.getHeight()).as(name).isEqualTo(TrainingCurves.HEIGHT);
            assertThat(ImageChecks.distinctColors(png)).as(name).isGreaterThan(50);
            assertThat(hasColor(png, 0x1f5fb4)).as(name + " train line").isTrue();
            assertThat(hasColor(png, 0xe07b13)).as(name + " validation line").isTrue();
        }
    }

    @Test
    void epochsWithoutValidationDrawOnlyTheTrainingLine() {
        List<EpochMetrics> noValidation = List.of(
                new EpochMetrics(1, 1.5, 0.4, Double.NaN, Double.NaN, 1e-3, 30),
                new EpochMetrics(2, 0.9, 0.7, Double.NaN, Double.NaN, 1e-3, 30));

        BufferedImage loss = TrainingCurves.loss(noValidation);

        assertThat(hasColor(loss, 0x1f5fb4)).isTrue();
        assertThat(hasColor(loss, 0xe07b13)).isFalse();
    }

    @Test
    void aSingleEpochStillRenders() {
        BufferedImage accuracy = TrainingCurves.accuracy(RealPhotos.epochs(1));

        assertThat(hasColor(accuracy, 0x1f5fb4)).isTrue();
        assertThatThrownBy(() -> TrainingCurves.loss(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean hasColor(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
