package dev.signdigits.model.store;

import java.nio.file.Path;

/**
 * Where exports live by default, inside the model directory: {@code model.tflite} (float32),
 * {@code model-float16.tflite}, {@code model-int8.tflite} and {@code model.onnx}. Serving finds
 * them there by runtime name.
 */
public final class ExportFiles {
    private ExportFiles() {}

    public static String fileName(ExportFormat format, Quantize quantize) {
        String suffix = quantize == Quantize.NONE ? "" : "-" + quantize.id();
        return "model" + suffix + "." + format.id();
    }

    public static Path defaultFile(Path modelDir, ExportFormat format, Quantize quantize) {
        return modelDir.resolve(fileName(format, quantize));
    }
}
