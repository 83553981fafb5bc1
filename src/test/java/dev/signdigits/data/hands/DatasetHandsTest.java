package dev.signdigits.data.hands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.hand.HandCrop;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandLocator;
import dev.signdigits.hand.HandModels;
import dev.signdigits.hand.HandResult;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.testing.HandDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand location cache with the real locator on real photos: a cached answer is exactly the
 * locator's, an unchanged photo is never located twice, a changed one always is, and a cache of
 * another locator or a damaged file is never used.
 */
class DatasetHandsTest {
    private static final HandFramingSpec AUTO = HandFramingSpec.parse("auto");

    @TempDir
    Path tmp;

    @Test
    void cachedAnswersAreExactlyTheLocatorsAndUnchangedPhotosAreNotLocatedAgain() throws Exception {
        Path data = tmp.resolve("data");
        String owl = HandDataset.create(data, 2, List.of(4, 9));
        DatasetIndex index = ImageFolder.scan(data);
        Path processed = tmp.resolve("processed");

        try (HandFraming framing = HandFraming.openFrom(AUTO, 160, HandDataset.HAND_MODELS)) {
            List<HandResult> fresh = new ArrayList<>();
            for (LabeledFile file : index.entries()) {
                fresh.add(framing.locate(rgb(index, file)));
            }
            assertThat(fresh).filteredOn(HandResult::found).hasSize(4);

            DatasetHands first = DatasetHands.open(framing, index, processed);
            assertThat(answers(first, index)).isEqualTo(fresh);
            assertThat(first.located()).isEqualTo(5);
            assertThat(first.fromCache()).isZero();
            first.save();
            assertThat(first.cacheFile()).isRegularFile().hasParent(processed.resolve(DatasetHands.DIRECTORY));

            DatasetHands second = DatasetHands.open(framing, index, processed);
            assertThat(answers(second, index)).as("read back from the file, bit for bit").isEqualTo(fresh);
            assertThat(second.fromCache()).isEqualTo(5);
            assertThat(second.located()).isZero();

            Path owlFile = data.resolve(owl);
            Files.setLastModifiedTime(owlFile, FileTime.fromMillis(Files.getLastModifiedTime(owlFile).toMillis() + 2000));
            DatasetHands touched = DatasetHands.open(framing, index, processed);
            assertThat(answers(touched, index)).isEqualTo(fresh);
            assertThat(touched.located()).as("the touched photo only").isEqualTo(1);
            assertThat(touched.fromCache()).isEqualTo(4);
        }
    }

    @Test
    void aDamagedCacheFileIsIgnoredAndReplaced() throws Exception {
        Path data = tmp.resolve("data");
        HandDataset.create(data, 1, List.of(2));
        DatasetIndex index = ImageFolder.scan(data);
        Path processed = tmp.resolve("processed");
        try (HandFraming framing = HandFraming.openFrom(AUTO, 160, HandDataset.HAND_MODELS)) {
            Path cacheFile = processed.resolve(DatasetHands.DIRECTORY).resolve(LocatorKey.of(AUTO).orElseThrow().fileName());
            Files.createDirectories(cacheFile.getParent());
            Files.writeString(cacheFile, "{\"key\": {\"format\": \"1\"}, \"photos\": {\"x\": {\"size\": 1,");

            DatasetHands hands = DatasetHands.open(framing, index, processed);
            List<HandResult> answers = answers(hands, index);
            assertThat(hands.located()).isEqualTo(2);
            hands.save();

            DatasetHands again = DatasetHands.open(framing, index, processed);
            assertThat(answers(again, index)).isEqualTo(answers);
            assertThat(again.fromCache()).isEqualTo(2);
        }
    }

    @Test
    void theKeyChangesWithEverySettingThatChangesTheAnswerAndNotWithTheCrop() {
        String auto = LocatorKey.of(AUTO).orElseThrow().fileName();
        HandLocator.Settings d = HandLocator.Settings.DEFAULT;
        assertThat(LocatorKey.of(HandFramingSpec.parse("lite")).orElseThrow().fileName()).isEqualTo(auto);
        assertThat(LocatorKey.of(new HandFramingSpec(HandModels.Variant.LITE, d, new HandCrop(0.5, false)))
                .orElseThrow().fileName()).as("the crop does not change where the hand is").isEqualTo(auto);
        List<HandFramingSpec> others = List.of(HandFramingSpec.parse("full"),
                new HandFramingSpec(HandModels.Variant.LITE, d.withThresholds(0.5, d.minPresence()), HandCrop.DEFAULT),
                new HandFramingSpec(HandModels.Variant.LITE, d.withThresholds(d.minDetectorScore(), 0.5), HandCrop.DEFAULT),
                new HandFramingSpec(HandModels.Variant.LITE, d.withTiles(!d.tiles()), HandCrop.DEFAULT),
                new HandFramingSpec(HandModels.Variant.LITE, d.withTilePresence(0.9), HandCrop.DEFAULT),
                new HandFramingSpec(HandModels.Variant.LITE, d.withThreads(2), HandCrop.DEFAULT));
        for (HandFramingSpec other : others) {
            assertThat(LocatorKey.of(other).orElseThrow().fileName()).as(other.settings().toString()).isNotEqualTo(auto);
        }
        assertThat(LocatorKey.of(AUTO).orElseThrow().values()).containsKeys("code_sha256", "tflite",
                "palm_detector_sha256", "landmarks_sha256");
        assertThat(LocatorKey.of(AUTO).orElseThrow().values().get("tflite")).contains("tensorflow-lite");
    }

    private static List<HandResult> answers(DatasetHands hands, DatasetIndex index) {
        List<HandResult> out = new ArrayList<>();
        for (LabeledFile file : index.entries()) {
            out.add(hands.locate(file, rgb(index, file)));
        }
        return out;
    }

    private static BufferedImage rgb(DatasetIndex index, LabeledFile file) {
        return new ImageDecoder().decode(index.resolve(file)).rgb();
    }
}
