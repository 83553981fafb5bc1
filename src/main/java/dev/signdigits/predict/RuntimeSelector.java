package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.model.store.Quantize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;

/**
 * What {@code --runtime auto} serves from a model directory: the fastest runtime that keeps the
 * trained model's accuracy. In that order:
 * <ol>
 *   <li>{@code tflite-int8}, when {@code train} measured this very {@code model-int8.tflite} (same
 *       checksum) on the test split and it lost at most {@link Int8Accuracy#MAX_LOSS_POINTS} points;</li>
 *   <li>{@code tflite}, when {@code model.tflite} is this model's float32 export (same answers);</li>
 *   <li>{@code onnx}, when {@code model.onnx} is there (float32, same answers);</li>
 *   <li>{@code djl}, the trained model itself.</li>
 * </ol>
 * Runtimes whose native library is not installed (a slim container image) are passed over. Reads
 * files only; loads no runtime.
 */
public final class RuntimeSelector {
    /** The model info property of a classifier opened with {@code auto}: which runtime and why. */
    public static final String SELECTION_PROPERTY = "runtime_selection";

    /** The model info property of a classifier opened with {@code auto} that passed over a better runtime: why. */
    public static final String FALLBACK_PROPERTY = "runtime_fallback";

    /**
     * The runtime to open and, in one sentence, why; {@code passedOver} names what ruled out the
     * runtimes before it (empty when the first choice was taken).
     */
    public record Choice(InferenceRuntime runtime, String reason, List<String> passedOver) {
        public Choice(InferenceRuntime runtime, String reason) {
            this(runtime, reason, List.of());
        }

        public Choice {
            passedOver = List.copyOf(passedOver);
        }
    }

    private final Predicate<InferenceRuntime> installed;

    private RuntimeSelector(Predicate<InferenceRuntime> installed) {
        this.installed = installed;
    }

    /** Chooses among the runtimes installed in this process. */
    public static Choice choose(Path modelFileOrDir) {
        return new RuntimeSelector(InstalledRuntimes::has).select(modelFileOrDir);
    }

    /** Chooses as if only the runtimes {@code installed} accepts were there (tests, planning). */
    public static Choice choose(Path modelFileOrDir, Predicate<InferenceRuntime> installed) {
        return new RuntimeSelector(installed).select(modelFileOrDir);
    }

    private Choice select(Path path) {
        if (Files.isRegularFile(path)) {
            InferenceRuntime runtime = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")
                    ? InferenceRuntime.ONNX : InferenceRuntime.TFLITE;
            return new Choice(runtime, "a single exported file was given");
        }
        FinetunedMetadata model = FinetunedModel.readMetadata(path);
        List<String> passedOver = new ArrayList<>();
        Optional<Choice> int8 = int8(path, model, passedOver);
        if (int8.isPresent()) {
            return int8.get();
        }
        Path tflite = ExportFiles.defaultFile(path, ExportFormat.TFLITE, Quantize.NONE);
        if (usable(InferenceRuntime.TFLITE, tflite, passedOver) && sameModel(tflite, model, passedOver)) {
            return new Choice(InferenceRuntime.TFLITE, because(passedOver, tflite.getFileName() + " is this model's float32 export"),
                    passedOver);
        }
        Path onnx = ExportFiles.defaultFile(path, ExportFormat.ONNX, Quantize.NONE);
        if (usable(InferenceRuntime.ONNX, onnx, passedOver)) {
            return new Choice(InferenceRuntime.ONNX, because(passedOver, onnx.getFileName() + " is this model's float32 export"),
                    passedOver);
        }
        if (installed.test(InferenceRuntime.DJL)) {
            return new Choice(InferenceRuntime.DJL, because(passedOver, "serving the trained model itself"), passedOver);
        }
        throw new SignDigitsException("No installed runtime can serve " + path + " (" + String.join("; ", passedOver)
                + "); export the model for this installation, e.g. 'signdigits export --model " + path
                + " --format tflite', or pass --runtime.");
    }

    private Optional<Choice> int8(Path dir, FinetunedMetadata model, List<String> passedOver) {
        Path file = ExportFiles.defaultFile(dir, ExportFormat.TFLITE, Quantize.INT8);
        Optional<Int8Accuracy> recorded = Int8Accuracy.fromProvenance(model.provenance());
        if (recorded.isEmpty()) {
            if (Files.isRegularFile(file)) {
                passedOver.add(file.getFileName() + " has no test accuracy recorded by train");
            }
            return Optional.empty();
        }
        Int8Accuracy int8 = recorded.get();
        if (!usable(InferenceRuntime.TFLITE_INT8, file, passedOver)) {
            return Optional.empty();
        }
        if (!Sha256.of(file).equals(int8.sha256())) {
            passedOver.add(file.getFileName() + " changed since train measured it");
            return Optional.empty();
        }
        if (!int8.meetsBound()) {
            passedOver.add(String.format(Locale.ROOT, "int8 loses %.2f points, more than %.1f (%s)", int8.lossPoints(),
                    Int8Accuracy.MAX_LOSS_POINTS, int8.summary()));
            return Optional.empty();
        }
        return Optional.of(new Choice(InferenceRuntime.TFLITE_INT8, String.format(Locale.ROOT, "%s: within %.1f points",
                int8.summary(), Int8Accuracy.MAX_LOSS_POINTS)));
    }

    private boolean usable(InferenceRuntime runtime, Path file, List<String> passedOver) {
        if (!Files.isRegularFile(file)) {
            if (runtime == InferenceRuntime.TFLITE_INT8) {
                passedOver.add(file.getFileName() + " is missing");
            }
            return false;
        }
        if (!installed.test(runtime)) {
            passedOver.add(runtime + " is not installed here");
            return false;
        }
        return true;
    }

    private static boolean sameModel(Path tflite, FinetunedMetadata model, List<String> passedOver) {
        String exported = TfliteDigitClassifier.readMetadata(tflite).modelId();
        if (!exported.equals(model.id())) {
            passedOver.add(tflite.getFileName() + " was exported from model " + exported + ", not " + model.id());
            return false;
        }
        return true;
    }

    private static String because(List<String> passedOver, String reason) {
        return passedOver.isEmpty() ? reason : reason + " (passed over: " + String.join("; ", passedOver) + ")";
    }
}
