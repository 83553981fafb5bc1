package dev.signdigits.model;

import java.nio.file.Path;
import dev.signdigits.model.backbone.BackboneImporter;

/** Imports the smallest shared classifier (MobileNet v1 0.25 at 128, 1001 classes) for tests. */
public final class TestBackbones {
    public static final Path V1_QUARTER = SampleImages.PRETRAINED.resolve("mobilenet_v1_0.25_128_quant.tflite");

    private TestBackbones() {}

    public static Path importV1Quarter(Path modelsDir) {
        return BackboneImporter.importFile(V1_QUARTER, modelsDir, null).directory();
    }
}
