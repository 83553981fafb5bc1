package dev.signdigits.model.backbone;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.Preprocessing;

/**
 * metadata.json of an imported backbone ({@code models/raw/<name>/}): what to rebuild (through
 * {@link MobileNets#network}), how to feed it, and where its weights came from.
 *
 * @param format            always {@link #FORMAT}; checked before anything else is read
 * @param formatVersion     {@link #FORMAT_VERSION}; a newer version is refused with a clear error
 * @param numClasses        0 for a feature extractor (outputs the pooled feature), else logits width
 * @param featureChannels   length of the pooled feature (1024 x width for v1, 1280 for v2)
 * @param layers            layer names in order, as the factory builds them
 * @param parametersSha256  SHA-256 of {@link #PARAMETERS_FILE}, to detect a damaged copy
 * @param sourceFile        file name of the TFLite model the weights came from
 * @param sourceSha256      its SHA-256
 * @param importedAt        ISO-8601 instant
 */
public record BackboneMetadata(String format, int formatVersion, String name, String architecture,
                               float width, int inputSize, int numClasses, int featureChannels,
                               float dropout, float batchNormEpsilon, List<String> layers,
                               Preprocessing preprocessing, String parametersSha256, String sourceFile,
                               String sourceSha256, String importedAt, String signdigitsVersion) {
    public static final String FORMAT = "signdigits-backbone";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "metadata.json";
    public static final String PARAMETERS_FILE = "parameters.params";

    public BackboneMetadata {
        layers = List.copyOf(layers);
    }

    @JsonIgnore
    public MobileNetSpec spec() {
        return new MobileNetSpec(architecture, width, inputSize);
    }

    @JsonIgnore
    public boolean isFeatureExtractor() {
        return numClasses == 0;
    }
}
