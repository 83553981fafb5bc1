package dev.signdigits.model.store;

import dev.signdigits.image.ModelInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.Preprocessing;

/**
 * {@code model.json} of a fine-tuned model directory: enough to rebuild the network with the one
 * factory, check the parameters, preprocess inputs and name the outputs, plus provenance.
 *
 * @param format            always {@link #FORMAT}
 * @param formatVersion     bumped when the directory layout or network factory changes incompatibly
 * @param id                run id
 * @param architecture      mobilenet_v1 or mobilenet_v2
 * @param width             width multiplier
 * @param inputSize         input edge in pixels
 * @param labels            class names in output order
 * @param dropout           head dropout rate (inactive at inference)
 * @param preprocessing     pixel normalization
 * @param layers            layer names in factory order, checked on load
 * @param parametersSha256  checksum of model.params
 * @param provenance        how, from what and when the model was made
 */
public record FinetunedMetadata(String format, int formatVersion, String id, String architecture, float width,
                                int inputSize, List<String> labels, float dropout, Preprocessing preprocessing,
                                List<String> layers, String parametersSha256, Map<String, String> provenance) {
    public static final String FORMAT = "signdigits-finetuned-model";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "model.json";
    public static final String PARAMETERS_FILE = "model.params";
    public static final String LABELS_FILE = "labels.txt";

    /** The same model with other provenance. */
    public FinetunedMetadata withProvenance(Map<String, String> other) {
        return new FinetunedMetadata(format, formatVersion, id, architecture, width, inputSize, labels, dropout,
                preprocessing, layers, parametersSha256, Collections.unmodifiableMap(new LinkedHashMap<>(other)));
    }

    public MobileNetSpec spec() {
        return new MobileNetSpec(architecture, width, inputSize);
    }

    /** How a photo becomes this model's input. */
    public ModelInput modelInput() {
        return preprocessing.at(inputSize);
    }
}
