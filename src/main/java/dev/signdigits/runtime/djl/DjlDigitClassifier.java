package dev.signdigits.runtime.djl;

import ai.djl.ndarray.NDManager;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.graph.GraphFolder;
import dev.signdigits.model.graph.FoldedGraph;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.signdigits.image.ModelInput;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.runtime.TensorClassifier;

/**
 * A fine-tuned model served by DJL/PyTorch. Pre-processing (resize, normalize) happens here in
 * Java, the network runs natively with gradients off, and every native array of a call lives in a
 * sub-manager closed before returning. Calls are serialized: PyTorch already uses every core for
 * one batch, so concurrent calls would only contend; the server batches requests instead.
 */
public final class DjlDigitClassifier implements DigitClassifier, TensorClassifier {
    private final NDManager manager;
    private final FoldedNetwork network;
    private final ModelInput preprocessor;
    private final ModelInfo info;

    private DjlDigitClassifier(NDManager manager, FinetunedMetadata m, FoldedGraph graph) {
        this.manager = manager;
        this.network = new FoldedNetwork(graph, manager);
        this.preprocessor = m.modelInput();
        Map<String, String> props = new LinkedHashMap<>(m.provenance());
        props.put("architecture", m.architecture());
        props.put("width", Float.toString(m.width()));
        props.put("input_size", Integer.toString(m.inputSize()));
        this.info = new ModelInfo(m.id(), "djl", m.labels(), m.inputSize(), props);
    }

    /**
     * Loads {@code models/finetuned/<run>} (or the {@code latest} link) and folds its batch norms
     * into the convolutions ({@link FoldedNetwork}); the trained network itself is not kept.
     */
    public static DjlDigitClassifier open(Path modelDir) {
        NDManager manager = NDManager.newBaseManager();
        try {
            FinetunedModel model;
            FoldedGraph graph;
            try (NDManager loading = manager.newSubManager()) {
                model = FinetunedModel.load(modelDir, loading);
                graph = GraphFolder.fold(model);
            }
            return new DjlDigitClassifier(manager, model.metadata(), graph);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public ModelInput preprocessor() {
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
        try (NDManager call = manager.newSubManager()) {
            float[] flat = network.forward(call, nchw, n, preprocessor.inputSize()).softmax(1).toFloatArray();
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
