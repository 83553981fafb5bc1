package dev.signdigits.predict;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.runtime.TensorClassifier;

/**
 * The classifier {@code --runtime auto} opened, saying in its info which runtime it is and why it
 * was chosen (the model card and the KServe metadata show it). Everything else is the chosen one's.
 */
final class SelectedRuntimeClassifier implements DigitClassifier, TensorClassifier {
    private final DigitClassifier chosen;
    private final ModelInfo info;

    private SelectedRuntimeClassifier(DigitClassifier chosen, ModelInfo info) {
        this.chosen = chosen;
        this.info = info;
    }

    /** Every runtime DigitClassifiers opens takes tensors too, so this one can promise it. */
    static SelectedRuntimeClassifier of(DigitClassifier chosen, RuntimeSelector.Choice choice) {
        if (!(chosen instanceof TensorClassifier)) {
            chosen.close();
            throw new IllegalStateException(choice.runtime() + " does not take tensors");
        }
        ModelInfo inner = chosen.info();
        Map<String, String> properties = new LinkedHashMap<>(inner.properties());
        properties.put(RuntimeSelector.SELECTION_PROPERTY, "auto: " + choice.runtime() + ", " + choice.reason());
        if (!choice.passedOver().isEmpty()) {
            properties.put(RuntimeSelector.FALLBACK_PROPERTY, String.join("; ", choice.passedOver()));
        }
        return new SelectedRuntimeClassifier(chosen,
                new ModelInfo(inner.id(), inner.runtime(), inner.labels(), inner.inputSize(), properties));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<float[]> classify(List<BufferedImage> images) {
        return chosen.classify(images);
    }

    @Override
    public List<float[]> classifyTensor(float[] nchw, int n) {
        return ((TensorClassifier) chosen).classifyTensor(nchw, n);
    }

    @Override
    public void close() {
        chosen.close();
    }
}
