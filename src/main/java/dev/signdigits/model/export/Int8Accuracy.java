package dev.signdigits.model.export;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.Quantize;

/**
 * How the int8 export of a model did on the model's own test split, next to the float model's
 * accuracy on the same photos. {@code train} records it in the model's provenance; serving reads it
 * back to decide whether int8 is accurate enough to serve by default.
 *
 * @param file              the int8 file's name inside the model directory
 * @param sha256            its checksum: the record only speaks for this exact file
 * @param floatAccuracy     the float model's test accuracy (share, 0..1)
 * @param int8Accuracy      the int8 file's test accuracy on the same photos
 * @param correct           photos int8 classified right
 * @param count             test photos
 * @param answersChanged    photos where int8's answer differs from the float model's
 * @param calibrationImages training photos the int8 ranges were calibrated on
 */
public record Int8Accuracy(String file, String sha256, double floatAccuracy, double int8Accuracy, int correct, int count,
                           int answersChanged, int calibrationImages) {
    /** The most accuracy int8 may lose against the float model and still be served by default, in points. */
    public static final double MAX_LOSS_POINTS = 0.5;

    static final String FILE = "int8_file";
    static final String SHA256 = "int8_sha256";
    static final String FLOAT_ACCURACY = "test_accuracy";
    static final String ACCURACY = "int8_test_accuracy";
    static final String CORRECT = "int8_test_correct";
    static final String CHANGED = "int8_answers_changed";
    static final String CALIBRATION = "int8_calibration_images";

    /** Points of accuracy int8 loses against the float model (negative when it gains). */
    public double lossPoints() {
        return 100 * (floatAccuracy - int8Accuracy);
    }

    /** Within {@link #MAX_LOSS_POINTS}; a small tolerance absorbs the 4-decimal rounding of the record. */
    public boolean meetsBound() {
        return lossPoints() <= MAX_LOSS_POINTS + 1e-6;
    }

    /** The entries train adds to provenance; {@code test_accuracy} is already there. */
    public Map<String, String> toProvenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(FILE, file);
        p.put(SHA256, sha256);
        p.put(ACCURACY, String.format(Locale.ROOT, "%.4f", int8Accuracy));
        p.put(CORRECT, correct + "/" + count);
        p.put(CHANGED, Integer.toString(answersChanged));
        p.put(CALIBRATION, Integer.toString(calibrationImages));
        return p;
    }

    /** The record in a model's provenance, if train wrote one (older models and failed exports have none). */
    public static Optional<Int8Accuracy> fromProvenance(Map<String, String> provenance) {
        String sha256 = provenance.get(SHA256);
        String floatAccuracy = provenance.get(FLOAT_ACCURACY);
        String int8Accuracy = provenance.get(ACCURACY);
        String[] correct = provenance.getOrDefault(CORRECT, "").split("/");
        if (sha256 == null || floatAccuracy == null || int8Accuracy == null || correct.length != 2) {
            return Optional.empty();
        }
        try {
            String file = provenance.getOrDefault(FILE, ExportFiles.fileName(ExportFormat.TFLITE, Quantize.INT8));
            return Optional.of(new Int8Accuracy(file, sha256, Double.parseDouble(floatAccuracy),
                    Double.parseDouble(int8Accuracy), Integer.parseInt(correct[0]), Integer.parseInt(correct[1]),
                    Integer.parseInt(provenance.getOrDefault(CHANGED, "0")),
                    Integer.parseInt(provenance.getOrDefault(CALIBRATION, "0"))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // edited by hand or damaged: treat as unrecorded
        }
    }

    /** "int8 98.21% (274/279) vs float 98.57% on the test split, 3 answer(s) changed", for logs and the model card. */
    public String summary() {
        return String.format(Locale.ROOT, "int8 %.2f%% (%d/%d) vs float %.2f%% on the test split, %d answer(s) changed",
                100 * int8Accuracy, correct, count, 100 * floatAccuracy, answersChanged);
    }
}
