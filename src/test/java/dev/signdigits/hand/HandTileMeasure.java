package dev.signdigits.hand;

import dev.signdigits.data.split.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The presence a hand found by the tiled second look needs: chosen on validation, reported on test. Run with -Dsigndigits.measure=tiles. */
@Tag("measure")
@EnabledIfSystemProperty(named = "signdigits.measure", matches = "tiles")
class HandTileMeasure {
    @Test
    void measure() {
        List<Path> scenes = HandTestData.imagenetSamples();
        for (Split split : List.of(Split.VAL, Split.TEST)) {
            List<HandTestData.LabeledPhoto> photos = HandTestData.split(split);
            long seed = split == Split.VAL ? HandLocatorMeasure.TUNE_SEED : HandLocatorMeasure.REPORT_SEED;
            List<StandIns.Frame> phone = StandIns.phoneLike(photos, scenes, seed);
            List<StandIns.Frame> none = StandIns.noHand(scenes, photos, seed);
            for (HandModels.Variant variant : HandModels.Variant.values()) {
                for (double p : new double[] {0.3, 0.5, 0.7, 0.9}) {
                    try (HandLocator locator = HandLocator.open(HandTestData.models(variant), HandLocator.Settings.DEFAULT.withTilePresence(p))) {
                        long found = phone.stream().filter(f -> locator.locate(f.image()).found()).count();
                        long onPhoto = phone.stream().filter(f -> StandIns.onThePhoto(locator.locate(f.image()), f)).count();
                        List<String> wrong = none.stream().filter(f -> locator.locate(f.image()).found()).map(StandIns.Frame::name).toList();
                        System.out.printf(Locale.ROOT, "%s %s tile presence %.1f: phone-like found %.2f%% on the photo %.2f%% | no-hand answered %.2f%% %s%n",
                                split, variant, p, 100.0 * found / phone.size(), 100.0 * onPhoto / phone.size(),
                                100.0 * (none.size() - wrong.size()) / none.size(), wrong);
                    }
                }
            }
        }
    }
}
