package dev.signdigits.train;

import dev.signdigits.eval.Evaluation;
import dev.signdigits.hand.HandResult;
import dev.signdigits.shape.Combination;
import dev.signdigits.eval.Misclassified;
import dev.signdigits.eval.Scored;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ExportResult;
import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving export every training run makes: {@code model-int8.tflite} in the run directory,
 * calibrated on training photos and then measured on the same test photos as the float model, so
 * that {@code serve --runtime auto} serves int8 only where it is as accurate (within
 * {@link Int8Accuracy#MAX_LOSS_POINTS} points). Takes seconds: one calibration pass over 200 small
 * photos and one int8 pass over the test split.
 */
final class Int8Export {
    private static final Logger LOG = LoggerFactory.getLogger(Int8Export.class);
    private static final int CHUNK = 32;

    private Int8Export() {}

    /**
     * Exports into {@code modelDir} (a complete model directory with its split.csv) and measures the
     * file. A failure is logged and leaves the run without int8 (serving then picks a float runtime):
     * the export is an extra, not worth losing a finished training run over.
     */
    static Optional<Int8Accuracy> run(Path modelDir, Path dataDir, List<String> labels, SplitImages test,
                                      Evaluation floatModel, Combination combination, List<HandResult> hands) {
        Path file = null;
        try {
            ExportResult export = ModelExporter.export(new ExportRequest(modelDir, ExportFormat.TFLITE, Quantize.INT8,
                    null, dataDir, ExportRequest.DEFAULT_CALIBRATION_IMAGES));
            file = export.file();
            Int8Accuracy accuracy = measure(file, export.calibrationImages(), labels, test, floatModel, combination,
                    hands);
            LOG.info("Exported {} ({} KB, {} ms): {}", file.getFileName(), export.bytes() >> 10, export.took().toMillis(),
                    accuracy.summary());
            return Optional.of(accuracy);
        } catch (RuntimeException e) {
            LOG.warn("Could not export the int8 serving model ({}); 'serve --runtime auto' will serve the float model.",
                    e.getMessage());
            LOG.debug("int8 export failure", e);
            AtomicFiles.deleteQuietly(file);
            return Optional.empty();
        }
    }

    private static Int8Accuracy measure(Path file, int calibrationImages, List<String> labels, SplitImages test,
                                        Evaluation floatModel, Combination combination, List<HandResult> hands) {
        List<Scored> scored = new ArrayList<>(test.size());
        try (TfliteDigitClassifier int8 = TfliteDigitClassifier.open(file, 1, Runtime.getRuntime().availableProcessors())) {
            for (int start = 0; start < test.size(); start += CHUNK) {
                List<float[]> probabilities = int8.classify(test.images().subList(start, Math.min(test.size(), start + CHUNK)));
                for (int i = 0; i < probabilities.size(); i++) {
                    int photo = start + i;
                    // measured as served: combined with the hand shape and calibrated, like the float model
                    scored.add(new Scored(test.files().get(photo), test.labels()[photo],
                            combination.apply(probabilities.get(i), hands.get(photo)), test.groups().get(photo)));
                }
            }
        }
        Evaluation int8Model = Evaluation.of(labels, scored);
        Map<String, String> floatAnswers = answers(floatModel);
        Map<String, String> int8Answers = answers(int8Model);
        int changed = 0;
        for (int photo = 0; photo < test.size(); photo++) {
            String name = test.files().get(photo);
            String truth = labels.get(test.labels()[photo]);
            changed += floatAnswers.getOrDefault(name, truth).equals(int8Answers.getOrDefault(name, truth)) ? 0 : 1;
        }
        return new Int8Accuracy(file.getFileName().toString(), Sha256.of(file), floatModel.accuracy(),
                int8Model.accuracy(), int8Model.correct(), int8Model.count(), changed, calibrationImages);
    }

    /** The wrong answers by photo; every other photo was answered right. */
    private static Map<String, String> answers(Evaluation evaluation) {
        Map<String, String> wrong = new HashMap<>();
        for (Misclassified m : evaluation.misclassified()) {
            wrong.put(m.file(), m.predictedLabel());
        }
        return wrong;
    }
}
