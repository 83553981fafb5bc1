package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.eval.Evaluation;
import dev.signdigits.predict.LabelProbability;
import dev.signdigits.eval.Misclassified;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MisclassifiedSheetTest {
    @TempDir
    Path dir;

    @Test
    void tilesRealPhotosWithCaptions() throws Exception {
        List<Misclassified> mistakes = Evaluation.of(RealPhotos.DIGITS, RealPhotos.scored(12, 0.85, 5)).misclassified();
        assertThat(mistakes).hasSizeBetween(9, MisclassifiedSheet.MAX_TILES); // more than one row of 8
        Path file = dir.resolve("misclassified.png");

        MisclassifiedSheet.write(mistakes, RealPhotos.loader(), file);

        BufferedImage png = ImageIO.read(file.toFile());
        int rows = (mistakes.size() + 7) / 8;
        assertThat(png.getWidth()).isBetween(8 * MisclassifiedSheet.THUMBNAIL, 8 * (MisclassifiedSheet.THUMBNAIL + 40));
        assertThat(png.getHeight()).isBetween(rows * MisclassifiedSheet.THUMBNAIL, rows * (MisclassifiedSheet.THUMBNAIL + 60) + 60);
        assertThat(ImageChecks.distinctColors(png)).isGreaterThan(5_000); // photos, not placeholders
        assertThat(MisclassifiedSheet.caption(mistakes.get(0), "\u2192"))
                .matches("true \\d \u2192 pred \\d \\(0\\.\\d\\d\\)");
    }

    @Test
    void capsTheNumberOfTilesAndLoadsOnlyThose() {
        List<Misclassified> many = Evaluation.of(RealPhotos.DIGITS, RealPhotos.scored(40, 0.0, 1)).misclassified();
        assertThat(many).hasSizeGreaterThan(MisclassifiedSheet.MAX_TILES);
        AtomicInteger loads = new AtomicInteger();
        Function<String, BufferedImage> counting = file -> {
            loads.incrementAndGet();
            return RealPhotos.loader().apply(file);
        };

        BufferedImage sheet = MisclassifiedSheet.render(many, counting);

        assertThat(loads.get()).isEqualTo(MisclassifiedSheet.MAX_TILES);
        assertThat(sheet.getHeight()).isLessThan(7 * (MisclassifiedSheet.THUMBNAIL + 70)); // 6 rows of 8
    }

    @Test
    void aPhotoThatCannotBeLoadedGetsAPlaceholder() {
        Misclassified gone = new Misclassified("gone.jpg", "3", "5", 0.71,
                List.of(new LabelProbability("5", 0.71), new LabelProbability("3", 0.2), new LabelProbability("8", 0.05)),
                null);
        Misclassified empty = new Misclassified("null.jpg", "1", "2", 0.5, List.of(), null);

        BufferedImage sheet = MisclassifiedSheet.render(List.of(gone, empty), file -> {
            if (file.equals("gone.jpg")) {
                throw new IllegalStateException("no such file");
            }
            return null;
        });

        assertThat(sheet.getWidth()).isGreaterThan(0);
        assertThat(ImageChecks.inkedShare(sheet)).isGreaterThan(0.01);
    }

    @Test
    void maliciousFileNamesAreOnlyDrawn() {
        Misclassified evil = new Misclassified("<script>alert(1)</script>/../../etc/passwd", "1", "7", 0.9, List.of(), "g");

        BufferedImage sheet = MisclassifiedSheet.render(List.of(evil), file -> null);

        assertThat(ImageChecks.inkedShare(sheet)).isGreaterThan(0.01);
    }

    @Test
    void nothingMisclassifiedGivesASmallImageSayingSo() throws Exception {
        Path file = dir.resolve("none.png");

        MisclassifiedSheet.write(List.of(), f -> {
            throw new AssertionError("nothing to load");
        }, file);

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isLessThanOrEqualTo(600);
        assertThat(png.getHeight()).isLessThanOrEqualTo(120);
        assertThat(ImageChecks.inkedShare(png)).isGreaterThan(0.01); // the message is drawn
    }

    @Test
    void phonePhotosAreScaledDownToThumbnails() {
        Misclassified big = new Misclassified("7/IMG_5874.JPG", "7", "1", 0.6, List.of(), null);

        BufferedImage sheet = MisclassifiedSheet.render(List.of(big), RealPhotos.loader());

        // the 3024 px photo fits its 128 px tile; the sheet stays small
        assertThat(sheet.getHeight()).isLessThan(MisclassifiedSheet.THUMBNAIL + 100);
        assertThat(ImageChecks.distinctColors(sheet)).isGreaterThan(2_000);
    }
}
