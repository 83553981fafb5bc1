package dev.signdigits.train;

import dev.signdigits.hand.HandResult;
import dev.signdigits.shape.Combination;
import dev.signdigits.shape.CombinationFit;
import dev.signdigits.shape.HandShape;
import dev.signdigits.shape.ShapeNetwork;
import dev.signdigits.shape.ShapeTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's second opinion and calibration: the hand-shape network trained on the training split's
 * landmarks (the locator found them when the photos were loaded, so this costs about a second), then
 * the temperature fitted on the validation split against the image model's probabilities there,
 * with the shape's weight fixed ({@link CombinationFit#SHAPE_WEIGHT}, the class comment says why).
 * Without the locator there are no landmarks: only the temperature is fitted.
 */
final class SecondOpinion {
    private static final Logger LOG = LoggerFactory.getLogger(SecondOpinion.class);

    private SecondOpinion() {}

    static Combination train(TrainingData data, TrainingConfig config, float[][] valImage) {
        ShapeNetwork network = null;
        if (config.handFraming().on()) {
            List<HandResult> trainHands = hands(data, "train", data.train());
            List<float[]> shapes = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int i = 0; i < trainHands.size(); i++) {
                if (trainHands.get(i) instanceof HandResult.Found found) {
                    shapes.add(HandShape.features(found));
                    labels.add(data.train().labels()[i]);
                }
            }
            if (!shapes.isEmpty()) {
                long started = System.nanoTime();
                network = ShapeTrainer.train(shapes, labels.stream().mapToInt(Integer::intValue).toArray(),
                        data.labels().size(), config.seed(), ShapeTrainer.Settings.DEFAULT);
                LOG.info("Trained the hand-shape network on {} hands in {} ms", shapes.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        List<float[]> image = Arrays.asList(valImage);
        List<float[]> shape = null;
        if (network != null) {
            shape = new ArrayList<>();
            for (HandResult hand : hands(data, "val", data.val())) {
                shape.add(hand instanceof HandResult.Found found
                        ? network.probabilities(HandShape.features(found)) : null);
            }
        }
        CombinationFit.Result fit = CombinationFit.fit(image, shape, data.val().labels(), network);
        Combination c = fit.combination();
        LOG.info(String.format(Locale.ROOT, "Validation: hand-shape weight %.2f, temperature %.3f; log-loss %.4f"
                + " (%.4f before calibration)", c.shapeWeight(), c.temperature(), fit.valLoss(), fit.valLossUncalibrated()));
        return c;
    }

    /** What the locator said about each photo of a split, in the split's order (null where it was not asked). */
    static List<HandResult> hands(TrainingData data, String split, SplitImages images) {
        Map<String, HandResult> byFile = new HashMap<>();
        for (HandLocations.Row row : data.hands().rows()) {
            if (row.split().equals(split)) {
                byFile.put(row.file(), row.result());
            }
        }
        List<HandResult> out = new ArrayList<>(images.size());
        for (String file : images.files()) {
            out.add(byFile.get(file));
        }
        return out;
    }
}
