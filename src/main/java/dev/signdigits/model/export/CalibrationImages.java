package dev.signdigits.model.export;

import dev.signdigits.SignDigitsException;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.image.ModelInput;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The photos int8 calibration runs on: training photos of the model's own split (never validation
 * or test photos), evenly spread over the sorted manifest so that every digit is represented,
 * decoded and pre-processed exactly as at serving time: through the model's own
 * {@link HandFraming} (the hand crop for a model trained with the hand locator; photos without a
 * hand are skipped, as serving would not classify them).
 */
public final class CalibrationImages {
    private static final String SPLIT_FILE = "split.csv";

    private CalibrationImages() {}

    /** Up to {@code count} normalized CHW images; unreadable photos are skipped. */
    public static List<float[]> load(Path modelDir, Path dataDir, int count, ModelInput preprocessor) {
        try (HandFraming framing = HandFraming.off(preprocessor.inputSize())) {
            return load(modelDir, dataDir, count, preprocessor, framing);
        }
    }

    /** As above, each photo framed by {@code framing} first. */
    public static List<float[]> load(Path modelDir, Path dataDir, int count, ModelInput preprocessor, HandFraming framing) {
        if (count < 1) {
            throw new SignDigitsException("--calibration-images must be at least 1, got " + count + ".");
        }
        if (!Files.isDirectory(dataDir)) {
            throw new SignDigitsException("int8 calibration reads the model's training photos, but the dataset directory "
                    + dataDir + " does not exist; pass --data-dir with the dataset the model was trained on.");
        }
        List<ManifestEntry> train = SplitManifest.read(modelDir.resolve(SPLIT_FILE)).entries(Split.TRAIN);
        if (train.isEmpty()) {
            throw new SignDigitsException(modelDir.resolve(SPLIT_FILE) + " lists no training photos to calibrate on;"
                    + " export a model made by 'signdigits train'.");
        }
        int n = Math.min(count, train.size());
        ImageDecoder decoder = new ImageDecoder();
        List<float[]> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Path file = dataDir.resolve(train.get((int) ((long) i * train.size() / n)).file());
            try {
                FramedPhoto framed = framing.frame(decoder.decode(file).rgb());
                if (framed.readable()) {
                    images.add(preprocessor.toChw(framed.image()));
                }
            } catch (SignDigitsException | UncheckedIOException unreadable) {
                // a missing or broken photo only makes the calibration set smaller
            }
        }
        if (images.isEmpty()) {
            throw new SignDigitsException("None of the training photos listed in " + modelDir.resolve(SPLIT_FILE)
                    + " could be read from " + dataDir + "; pass --data-dir with the dataset the model was trained on.");
        }
        return images;
    }
}
