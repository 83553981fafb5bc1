package dev.signdigits.predict;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.Quantize;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The runtimes a model can be run with, by the names users type ({@code --runtime tflite-int8}).
 * {@link #AUTO} is not a runtime of its own: it picks one of the others for the model
 * ({@link RuntimeSelector}).
 */
public enum InferenceRuntime {
    AUTO("auto", null, null),
    /** The trained model itself on PyTorch (DJL); the only one that needs PyTorch's native library. */
    DJL("djl", null, null),
    TFLITE("tflite", ExportFormat.TFLITE, Quantize.NONE),
    TFLITE_FLOAT16("tflite-float16", ExportFormat.TFLITE, Quantize.FLOAT16),
    TFLITE_INT8("tflite-int8", ExportFormat.TFLITE, Quantize.INT8),
    ONNX("onnx", ExportFormat.ONNX, Quantize.NONE);

    private final String id;
    private final ExportFormat format;
    private final Quantize quantize;

    InferenceRuntime(String id, ExportFormat format, Quantize quantize) {
        this.id = id;
        this.format = format;
        this.quantize = quantize;
    }

    /** The name on the command line, in configuration and in model info. */
    public String id() {
        return id;
    }

    /** The export file format this runtime reads; null for {@link #AUTO} and {@link #DJL}. */
    public ExportFormat format() {
        return format;
    }

    /** The quantization of the export this runtime serves from a model directory; null for AUTO and DJL. */
    public Quantize quantize() {
        return quantize;
    }

    /** Every name, {@code auto} first, for help texts and messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(InferenceRuntime::id).toList();
    }

    /** The runtime a name stands for (case and surrounding blanks ignored), or one sentence naming the choices. */
    public static InferenceRuntime parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (InferenceRuntime runtime : values()) {
            if (runtime.id.equals(wanted)) {
                return runtime;
            }
        }
        throw new SignDigitsException("Unknown runtime '" + name + "'; use one of " + ids() + ".");
    }

    /** The TFLite runtime that serves an export with this quantization id ("none", "float16", "int8"). */
    public static InferenceRuntime tflite(String quantization) {
        return "none".equals(quantization) ? TFLITE : parse("tflite-" + quantization);
    }

    @Override
    public String toString() {
        return id;
    }
}
