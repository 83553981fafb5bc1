package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.Scored;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixChartTest {
    @TempDir
    Path dir;

    @Test
    void writesA600PixelSquarePngWithContent() throws Exception {
        Evaluation e = Evaluation.of(RealPhotos.DIGITS, RealPhotos.scored(30, 0.85, 11));
        Path file = dir.resolve("confusion.png");

        ConfusionMatrixChart.write(e, file);

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(600);
        assertThat(png.getHeight()).isEqualTo(600);
        assertThat(ImageChecks.distinctColors(png)).isGreaterThan(100); // text, shades, grid
        assertThat(ImageChecks.inkedShare(png)).isBetween(0.05, 0.8);
    }

    @Test
    void diagonalIsBlueAndMistakesRedByRowShare() {
        // class a: 4 of 4 right; class b: 1 of 4 right, 3 predicted as a
        Evaluation e = Evaluation.of(List.of("a", "b"), List.of(
                photo(0, 0), photo(0, 0), photo(0, 0), photo(0, 0),
                photo(1, 1), photo(1, 0), photo(1, 0), photo(1, 0)));

        BufferedImage image = ConfusionMatrixChart.render(e, 600);

        Color aa = cellColor(image, 0, 0);
        Color ba = cellColor(image, 1, 0);
        Color bb = cellColor(image, 1, 1);
        Color ab = cellColor(image, 0, 1);
        assertThat(aa.getBlue()).isGreaterThan(aa.getRed() + 60); // a full blue diagonal cell
        assertThat(ba.getRed()).isGreaterThan(ba.getBlue() + 60); // 75% of row b wrong: strong red
        assertThat(bb.getBlue()).isGreaterThan(bb.getRed());      // 25% right: pale blue
        assertThat(bb.getRed()).isGreaterThan(aa.getRed());       // paler than the full row
        assertThat(ab).isEqualTo(Color.WHITE);                    // nothing there
    }

    @Test
    void scalesToOtherSizes() {
        Evaluation e = Evaluation.of(List.of("a", "b"), List.of(photo(0, 0), photo(1, 0)));

        assertThat(ConfusionMatrixChart.render(e, 300).getWidth()).isEqualTo(300);
        assertThatThrownBy(() -> ConfusionMatrixChart.render(e, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Scored photo(int truth, int predicted) {
        float[] p = {0.1f, 0.1f};
        p[predicted] = 0.9f;
        return new Scored("f", truth, p, null);
    }

    /** Samples a cell near its top-left corner, away from the count drawn at its center. */
    private static Color cellColor(BufferedImage image, int row, int column) {
        // the 600 px layout: grid from (78, 92), cell size (600 - 92 - 22) / 2 for two classes
        double cell = (600 - 92 - 22) / 2.0;
        int x = (int) (78 + column * cell + 8);
        int y = (int) (92 + row * cell + 8);
        return new Color(image.getRGB(x, y));
    }
}
