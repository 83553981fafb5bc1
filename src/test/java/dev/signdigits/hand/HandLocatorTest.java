package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The locator on real photos with the real models and the real TFLite runtime. */
class HandLocatorTest {
    private static HandLocator locator;

    @BeforeAll
    static void open() {
        locator = HandLocator.open(HandTestData.models(HandModels.Variant.FULL), HandLocator.Settings.DEFAULT);
    }

    @AfterAll
    static void close() {
        locator.close();
    }

    @Test
    void findsTheHandInDatasetCloseUps() {
        for (String file : List.of("0/IMG_1118.JPG", "3/IMG_1121.JPG", "5/IMG_1123.JPG", "7/IMG_1125.JPG", "9/IMG_1127.JPG")) {
            Path photo = HandTestData.DATASET.resolve(file);
            BufferedImage image = HandTestData.read(photo);
            HandResult result = locator.locate(image);
            assertThat(result.found()).as(file).isTrue();
            HandResult.Found hand = (HandResult.Found) result;
            assertThat(hand.landmarks()).hasSize(21);
            assertThat(hand.presence()).isGreaterThanOrEqualTo(0.5);
            // a close-up: the landmark box covers a good part of the photo and lies inside it
            assertThat(hand.box().w() * hand.box().h()).as(file).isGreaterThan(0.05 * image.getWidth() * image.getHeight());
            assertThat(hand.box().x() + hand.box().w()).isLessThanOrEqualTo(image.getWidth());
            assertThat(hand.box().y() + hand.box().h()).isLessThanOrEqualTo(image.getHeight());
        }
    }
}
