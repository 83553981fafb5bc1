package dev.signdigits.model.store;

import dev.signdigits.image.ModelInput;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an exported file says about itself, as one JSON document (the TFLite metadata entry
 * "signdigits", the ONNX metadata property "signdigits"): enough to serve it without the model
 * directory. Depends on neither DJL nor a runtime.
 *
 * @param format            always {@link #FORMAT}
 * @param modelId           the run id of the fine-tuned model
 * @param fileFormat        "tflite" or "onnx"
 * @param quantization      "none", "float16" or "int8"
 * @param numerics          how the file computes, in words (e.g. the int8 model's float interface)
 * @param labels            class names in output order
 * @param input             the input tensor and how to fill it
 * @param output            the output tensor's name; it holds softmax probabilities over labels
 * @param provenance        a summary of how the model was made
 * @param calibrationImages training photos used for int8 calibration (0 otherwise)
 */
public record ExportMetadata(String format, int formatVersion, String modelId, String architecture, float width,
                             int inputSize, String fileFormat, String quantization, String numerics,
                             List<String> labels, Input input, String output, Map<String, String> provenance,
                             String exportedAt, String exporter, int calibrationImages) {
    public static final String FORMAT = "signdigits-export";
    public static final int FORMAT_VERSION = 1;
    /** Metadata key / entry name in both formats. */
    public static final String KEY = "signdigits";

    // compact: the document is stored in every exported file
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The input tensor: {@code shape} uses -1 for a dynamic batch; {@code value = (pixel - mean) / std}
     * for RGB pixels in 0..255 after {@code resize}.
     */
    public record Input(String name, String layout, List<Integer> shape, String dtype, String colorOrder,
                        float mean, float std, String resize) {}

    public ExportMetadata {
        labels = List.copyOf(labels);
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize export metadata", e);
        }
    }

    /** Parses the JSON document of an exported file named {@code source} in messages. */
    public static ExportMetadata fromJson(String json, String source) {
        ExportMetadata m;
        try {
            m = JSON.readValue(json, ExportMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new SignDigitsException(source + " has unreadable signdigits metadata; export the model again"
                    + " with 'signdigits export'.", e);
        }
        if (!FORMAT.equals(m.format()) || m.formatVersion() != FORMAT_VERSION) {
            throw new SignDigitsException(source + " carries export metadata " + m.format() + " version "
                    + m.formatVersion() + ", this signdigits reads " + FORMAT + " version " + FORMAT_VERSION
                    + "; export the model again with this version.");
        }
        if (m.labels().isEmpty() || m.input() == null || m.inputSize() < 8 || !(m.input().std() > 0)) {
            throw new SignDigitsException(source + " has incomplete signdigits metadata (labels, input size or"
                    + " normalization missing); export the model again with 'signdigits export'.");
        }
        return m;
    }

    /**
     * Flat properties for tools that show ONNX metadata_props: the whole document under {@link #KEY},
     * plus the facts a person looks for first.
     */
    public Map<String, String> toProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(KEY, toJson());
        props.put("model_id", modelId);
        props.put("labels", String.join(",", labels));
        props.put("input", input.name() + " " + input.layout() + " " + input.shape() + " " + input.dtype());
        props.put("normalization", String.format(Locale.ROOT, "%s pixels 0..255, value = (pixel - %s) / %s",
                input.colorOrder(), input.mean(), input.std()));
        props.put("resize", input.resize());
        props.put("output", output + ": softmax probabilities over labels");
        props.put("quantization", quantization);
        provenance.forEach((k, v) -> props.put("provenance." + k, v));
        return props;
    }

    /** How a photo becomes this export's input. */
    public ModelInput modelInput() {
        return new ModelInput(inputSize, input.mean(), input.std());
    }
}
