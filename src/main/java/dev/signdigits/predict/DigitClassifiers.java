package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.system.NativeSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.djl.DjlDigitClassifier;
import dev.signdigits.runtime.onnx.OnnxDigitClassifier;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;

/**
 * Opens a model for serving with a named runtime. A runtime's classes (and its native library)
 * are only loaded when it is chosen, so a deployment that serves TFLite or ONNX can leave PyTorch
 * out entirely.
 *
 * <table>
 *   <caption>Runtimes and what they open</caption>
 *   <tr><th>runtime</th><th>a model directory means</th><th>or a file</th></tr>
 *   <tr><td>auto</td><td>the fastest of the others that keeps the model's accuracy ({@link RuntimeSelector})</td>
 *       <td>tflite or onnx, by extension</td></tr>
 *   <tr><td>djl</td><td>the fine-tuned model itself (PyTorch)</td><td>-</td></tr>
 *   <tr><td>tflite</td><td>{@code model.tflite} (float32)</td><td>any signdigits .tflite export</td></tr>
 *   <tr><td>tflite-float16</td><td>{@code model-float16.tflite}</td><td>any signdigits .tflite export</td></tr>
 *   <tr><td>tflite-int8</td><td>{@code model-int8.tflite}</td><td>any signdigits .tflite export</td></tr>
 *   <tr><td>onnx</td><td>{@code model.onnx}</td><td>any signdigits .onnx export</td></tr>
 * </table>
 */
public final class DigitClassifiers {
    private DigitClassifiers() {}

    /** Opens with one thread per core. */
    public static DigitClassifier open(String runtime, Path modelFileOrDir) {
        return open(InferenceRuntime.parse(runtime), modelFileOrDir, 0, 1);
    }

    /** Opens with one thread per core. */
    public static DigitClassifier open(InferenceRuntime runtime, Path modelFileOrDir) {
        return open(runtime, modelFileOrDir, 0, 1);
    }

    /**
     * @param threads CPU threads one inference call may use; 0 means one per core. For djl this only
     *                takes effect if PyTorch has not been loaded yet in this process.
     */
    public static DigitClassifier open(String runtime, Path modelFileOrDir, int threads) {
        return open(InferenceRuntime.parse(runtime), modelFileOrDir, threads, 1);
    }

    /**
     * @param threads    as above
     * @param concurrent calls that may run at the same time: the size of the TFLite interpreter pool
     *                   (an ONNX Runtime session takes concurrent calls as it is; DJL serializes them)
     */
    public static DigitClassifier open(String runtime, Path modelFileOrDir, int threads, int concurrent) {
        return open(InferenceRuntime.parse(runtime), modelFileOrDir, threads, concurrent);
    }

    /** As {@link #open(String, Path, int, int)}, with the runtime already parsed. */
    public static DigitClassifier open(InferenceRuntime name, Path modelFileOrDir, int threads, int concurrent) {
        if (name == InferenceRuntime.AUTO) {
            RuntimeSelector.Choice choice = RuntimeSelector.choose(modelFileOrDir);
            return SelectedRuntimeClassifier.of(open(choice.runtime(), modelFileOrDir, threads, concurrent), choice);
        }
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (name == InferenceRuntime.DJL) {
            if (Files.isRegularFile(modelFileOrDir)) {
                throw new SignDigitsException("The djl runtime loads a model directory, but " + modelFileOrDir
                        + " is a file; pass the directory made by 'signdigits train', or choose the runtime that"
                        + " matches the file (tflite, onnx).");
            }
            NativeSetup.beforeFirstDjlCall(threads);
            return DjlDigitClassifier.open(modelFileOrDir);
        }
        Path file = modelFile(name, modelFileOrDir);
        return name == InferenceRuntime.ONNX ? OnnxDigitClassifier.open(file, n)
                : TfliteDigitClassifier.open(file, Math.max(1, concurrent), n);
    }

    /** The file a runtime serves for {@code modelFileOrDir}: the path itself, or the export inside the directory. */
    public static Path modelFile(String runtime, Path modelFileOrDir) {
        return modelFile(InferenceRuntime.parse(runtime), modelFileOrDir);
    }

    /** As {@link #modelFile(String, Path)}, with the runtime already parsed. */
    public static Path modelFile(InferenceRuntime name, Path modelFileOrDir) {
        if (name == InferenceRuntime.AUTO) {
            return modelFile(RuntimeSelector.choose(modelFileOrDir).runtime(), modelFileOrDir);
        }
        if (name == InferenceRuntime.DJL) {
            return modelFileOrDir;
        }
        ExportFormat format = name.format();
        if (!Files.isDirectory(modelFileOrDir)) {
            if (!Files.isRegularFile(modelFileOrDir)) {
                throw new SignDigitsException("Model " + modelFileOrDir + " does not exist; pass a model directory or an"
                        + " exported ." + format.id() + " file.");
            }
            return modelFileOrDir;
        }
        Quantize quantize = name.quantize();
        Path file = ExportFiles.defaultFile(modelFileOrDir, format, quantize);
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException("The " + name + " runtime serves " + file.getFileName() + ", which "
                    + modelFileOrDir + " does not contain; create it with 'signdigits export --model " + modelFileOrDir
                    + " --format " + format.id() + (quantize == Quantize.NONE ? "" : " --quantize " + quantize.id()) + "'.");
        }
        return file;
    }

}
