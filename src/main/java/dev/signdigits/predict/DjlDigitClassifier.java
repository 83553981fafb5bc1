package dev.signdigits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.signdigits.model.FinetunedMetadata;
import dev.signdigits.model.FinetunedModel;
import dev.signdigits.model.StreamingForward;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuned model served by DJL/PyTorch. Pre-processing (resize, normalize) happens here in
 * Java, the network runs natively with gradients off, and every native array of a call lives in a
 * sub-manager closed before returning. Calls are serialized: PyTorch already uses every core for
 * one batch, so concurrent calls would only contend; the server batches requests instead.
 */
public final class DjlDigitClassifier implements DigitClassifier, TensorClassifier {
    private final NDManager manager;
    private final FinetunedModel model;
    private final ImagePreprocessor preprocessor;
    private final ModelInfo info;
    private final ParameterStore store;

    private DjlDigitClassifier(NDManager manager, FinetunedModel model) {
        this.manager = manager;
        this.model = model;
        FinetunedMetadata m = model.metadata();
        this.preprocessor = new ImagePreprocessor(m.inputSize(), m.preprocessing().mean(), m.preprocessing().std());
        this.model.block().freezeParameters(true);
        this.store = new ParameterStore(manager, false);
        Map<String, String> props = new LinkedHashMap<>(m.provenance());
        props.put("architecture", m.architecture());
        props.put("width", Float.toString(m.width()));
        props.put("input_size", Integer.toString(m.inputSize()));
        this.info = new ModelInfo(m.id(), "djl", m.labels(), m.inputSize(), props);
    }

    /** Loads {@code models/finetuned/<run>} (or the {@code latest} link). */
    public static DjlDigitClassifier open(Path modelDir) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new DjlDigitClassifier(manager, FinetunedModel.load(modelDir, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public List<float[]> classify(List<BufferedImage> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        return classifyTensor(preprocessor.toBatch(images), images.size());
    }

    @Override
    public synchronized List<float[]> classifyTensor(float[] nchw, int n) {
        int size = preprocessor.inputSize();
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(FloatBuffer.wrap(nchw), new Shape(n, 3, size, size));
            NDArray probs = StreamingForward.run(model.block().getChildren().values(), store, new NDList(x))
                    .singletonOrThrow().softmax(1);
            float[] flat = probs.toFloatArray();
            int classes = info.labels().size();
            List<float[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(Arrays.copyOfRange(flat, i * classes, (i + 1) * classes));
            }
            return out;
        }
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
