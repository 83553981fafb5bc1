package dev.signdigits.hand;

import dev.signdigits.DigitReader;
import dev.signdigits.DigitReading;
import dev.signdigits.SignDigits;
import dev.signdigits.data.split.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fine-tuned models on the phone-like stand-ins of the grouped test split (seed 42), read through
 * the Java API (so each model runs with the framing it records): hand found, accuracy on the frames
 * with a hand, accuracy overall (no hand counts as wrong). Run with
 * {@code -Dsigndigits.measure=model -Dsigndigits.models=models-auto/finetuned/latest,models-off/finetuned/latest}.
 */
@Tag("measure")
@EnabledIfSystemProperty(named = "signdigits.measure", matches = "true|model")
class HandModelMeasure {

    @Test
    void measure() {
        List<StandIns.Frame> frames = StandIns.phoneLike(HandTestData.split(Split.TEST), HandTestData.imagenetSamples(),
                HandLocatorMeasure.REPORT_SEED);
        for (String model : System.getProperty("signdigits.models", "models/finetuned/latest").split(",")) {
            int found = 0;
            int right = 0;
            java.util.Map<String, Integer> confusions = new java.util.TreeMap<>();
            List<java.awt.image.BufferedImage> sheet = new java.util.ArrayList<>();
            long started = System.nanoTime();
            try (DigitReader reader = SignDigits.open(Path.of(model))) {
                for (StandIns.Frame frame : frames) {
                    DigitReading reading = reader.read(frame.image());
                    found += reading.hasDigit() ? 1 : 0;
                    right += frame.label().equals(reading.digit()) ? 1 : 0;
                    if (!frame.label().equals(reading.digit())) {
                        confusions.merge(frame.label() + "->" + reading.digit(), 1, Integer::sum);
                        if (sheet.size() < 36 && reading.hand().orElse(null) instanceof HandResult.Found hand) {
                            sheet.add(HandSheets.annotate(HandCrop.DEFAULT.crop(frame.image(), hand, 160), null, 160,
                                    frame.label() + "->" + reading.digit()));
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "MEASURE %s phone-like (%d frames): hand/digit in %d (%.2f%%), right %d:"
                            + " %.2f%% of those, %.2f%% overall; %.1f ms per frame%n", model, frames.size(), found,
                    100.0 * found / frames.size(), right, found == 0 ? 0 : 100.0 * right / found,
                    100.0 * right / frames.size(), (System.nanoTime() - started) / 1e6 / frames.size());
            System.out.println("MEASURE wrong (label->answer): " + confusions);
            if (!sheet.isEmpty()) {
                HandSheets.write(sheet, 6, Path.of("target", "hand-model-wrong.png"));
            }
        }
    }
}
