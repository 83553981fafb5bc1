package dev.signdigits.web;

import dev.signdigits.image.ModelInput;
import dev.signdigits.model.store.FinetunedMetadata;
import java.awt.image.BufferedImage;

/**
 * A served model that is a real fine-tuned model ({@link RuntimeModel}, {@link HandRuntimeModel}):
 * its input size, FP32 pre-processing and probability tolerance come from what it records.
 */
interface FinetunedServedModel extends ServedModel {

    /** What the fine-tuned model records about itself. */
    FinetunedMetadata metadata();

    @Override
    default String modelId() {
        return metadata().id();
    }

    @Override
    default int inputSize() {
        return metadata().inputSize();
    }

    @Override
    default float[] tensor(BufferedImage image) {
        return new ModelInput(metadata().inputSize(), metadata().preprocessing().mean(), metadata().preprocessing().std())
                .toChw(image);
    }

    @Override
    default double probabilitySumTolerance() {
        return runtime().endsWith("int8") ? 0.03 : 1e-4;
    }
}
