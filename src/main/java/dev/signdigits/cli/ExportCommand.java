package dev.signdigits.cli;

import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ExportResult;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.system.NativeSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits export}: a fine-tuned model as a TFLite or ONNX file for other runtimes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a fine-tuned model to TFLite (float32, float16 or int8) or ONNX (float32), with labels,",
            "input size, normalization and provenance inside the file. int8 is calibrated on the model's training photos."})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest", description = "Fine-tuned model directory.")
    Path model;

    @Option(names = "--format", defaultValue = "tflite", description = "File format: tflite or onnx.")
    String format;

    @Option(names = "--quantize", defaultValue = "none",
            description = "none (float32), float16 (weights; TFLite only) or int8 (full integer with a float interface; TFLite only).")
    String quantize;

    @Option(names = "--export-out", defaultValue = "",
            description = "File to write (default: <model>/model.tflite, model-float16.tflite, model-int8.tflite or model.onnx).")
    String out;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits",
            description = "Dataset the model was trained on; int8 calibration reads its training photos.")
    Path dataDir;

    @Option(names = "--calibration-images", defaultValue = "200",
            description = "Training photos int8 calibration runs on (at most).")
    int calibrationImages;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ExportFormat fileFormat = ExportFormat.parse(format);
        Quantize numbers = Quantize.parse(quantize);
        NativeSetup.beforeFirstDjlCall();
        ExportResult result = ModelExporter.export(new ExportRequest(model, fileFormat, numbers,
                out.isBlank() ? null : Path.of(out), dataDir, calibrationImages));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Exported %s to %s (%s, %s)%n", result.metadata().modelId(), result.file(),
                fileFormat == ExportFormat.TFLITE ? "TFLite" : "ONNX", result.metadata().numerics());
        w.printf(Locale.ROOT, "  %,d bytes%s in %.1f s%n", result.bytes(),
                numbers == Quantize.NONE ? "" : String.format(Locale.ROOT, " (%.0f%% of float32)", 100 * result.sizeRatio()),
                result.took().toMillis() / 1000.0);
        if (result.calibrationImages() > 0) {
            w.printf(Locale.ROOT, "  calibrated on %d training photos%n", result.calibrationImages());
        }
        w.printf(Locale.ROOT, "  input %s %s, RGB (pixel - %s) / %s; serving runtime: %s%n",
                result.metadata().input().layout(), result.metadata().input().shape(),
                result.metadata().input().mean(), result.metadata().input().std(), runtimeName(fileFormat, numbers));
        if (result.handShapeFile() != null) {
            w.printf(Locale.ROOT, "  hand-shape network (the second opinion from the 21 landmarks, float32): %s%n",
                    result.handShapeFile());
        }
        w.flush();
        return 0;
    }

    private static String runtimeName(ExportFormat format, Quantize quantize) {
        if (format == ExportFormat.ONNX) {
            return "onnx";
        }
        return quantize == Quantize.NONE ? "tflite" : "tflite-" + quantize.id();
    }
}
