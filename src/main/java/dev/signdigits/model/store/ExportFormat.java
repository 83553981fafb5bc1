package dev.signdigits.model.store;

import dev.signdigits.SignDigitsException;
import java.util.Arrays;
import java.util.Locale;

/** The file formats a model can be exported to. */
public enum ExportFormat {
    TFLITE("tflite"), ONNX("onnx");

    private final String id;

    ExportFormat(String id) {
        this.id = id;
    }

    /** "tflite" or "onnx": the option value and the file extension. */
    public String id() {
        return id;
    }

    public static ExportFormat parse(String value) {
        for (ExportFormat f : values()) {
            if (f.id.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new SignDigitsException("Unknown export format '" + value + "'; use one of "
                + Arrays.stream(values()).map(ExportFormat::id).toList() + ".");
    }
}
