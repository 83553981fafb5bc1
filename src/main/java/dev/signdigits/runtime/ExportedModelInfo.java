package dev.signdigits.runtime;

import dev.signdigits.model.store.ExportMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.signdigits.image.ModelInput;

/** The {@link ModelInfo} of an exported file, from the metadata it carries. */
public final class ExportedModelInfo {
    private ExportedModelInfo() {}

    public static ModelInfo of(ExportMetadata m, String runtime, Path file) {
        Map<String, String> props = new LinkedHashMap<>(m.provenance());
        props.put("architecture", m.architecture());
        props.put("width", Float.toString(m.width()));
        props.put("input_size", Integer.toString(m.inputSize()));
        props.put("file", file.toString());
        props.put("file_format", m.fileFormat());
        props.put("quantization", m.quantization());
        props.put("numerics", m.numerics());
        props.put("exported_at", m.exportedAt());
        if (m.calibrationImages() > 0) {
            props.put("calibration_images", Integer.toString(m.calibrationImages()));
        }
        return new ModelInfo(m.modelId(), runtime, m.labels(), m.inputSize(), props);
    }
}
