package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The deterministic stand-in ({@link ExemplarClassifier}) as a served model, with id "model-a".
 * For tests whose subject is the protocol, not the model: escaping of model properties, reloads,
 * queueing and timeouts (with {@link SlowClassifier}), process signals.
 */
final class StandInModel implements ServedModel {
    static final StandInModel INSTANCE = new StandInModel();
    static final String ID = "model-a";

    private StandInModel() {}

    @Override
    public String runtime() {
        return "test-exemplar";
    }

    @Override
    public String modelId() {
        return ID;
    }

    @Override
    public Path createModelDir(Path parent, String name) {
        return TestModels.modelDir(parent, name, name.replaceFirst("^run-", "model-")); // run-a serves model-a
    }

    @Override
    public ClassifierLoader loader() {
        return TestModels.loader();
    }

    @Override
    public Path photo(int digit) {
        return TestModels.photo(digit);
    }

    @Override
    public int inputSize() {
        return ExemplarClassifier.INPUT_SIZE;
    }

    @Override
    public float[] tensor(BufferedImage image) {
        return ExemplarClassifier.tensorOf(image);
    }

    @Override
    public double probabilitySumTolerance() {
        return 1e-4;
    }
}
