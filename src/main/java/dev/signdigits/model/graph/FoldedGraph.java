package dev.signdigits.model.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier ready for export: ops in execution order over tensors numbered from 0 (the RGB
 * input image, {@code 3 x inputSize x inputSize}, already normalized) to the logits. Softmax is
 * not part of the graph; writers append it so every format outputs probabilities.
 */
public record FoldedGraph(List<GraphTensor> tensors, List<GraphOp> ops, int input, int logits) {
    public FoldedGraph {
        tensors = List.copyOf(tensors);
        ops = List.copyOf(ops);
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).id() != i) {
                throw new IllegalArgumentException("tensor " + i + " has id " + tensors.get(i).id());
            }
        }
        if (!tensors.get(logits).isVector()) {
            throw new IllegalArgumentException("the logits must be a vector");
        }
    }

    public GraphTensor tensor(int id) {
        return tensors.get(id);
    }

    public int inputSize() {
        return tensors.get(input).size();
    }

    public int numClasses() {
        return tensors.get(logits).channels();
    }

    /** Grows a graph op by op, numbering tensors as they are produced. */
    public static final class Builder {
        private final List<GraphTensor> tensors = new ArrayList<>();
        private final List<GraphOp> ops = new ArrayList<>();

        /** Starts with the image input; returns its id (0). */
        public int input(int channels, int size) {
            return tensor("input", channels, size);
        }

        /** Reserves the id of a new tensor produced by layer {@code name}. */
        public int tensor(String name, int channels, int size) {
            tensors.add(new GraphTensor(tensors.size(), name, channels, size));
            return tensors.size() - 1;
        }

        public GraphTensor get(int id) {
            return tensors.get(id);
        }

        public void add(GraphOp op) {
            ops.add(op);
        }

        /** The last op added, or null. */
        public GraphOp last() {
            return ops.isEmpty() ? null : ops.get(ops.size() - 1);
        }

        /** Replaces the last op (e.g. to fuse the activation that follows it). */
        public void replaceLast(GraphOp op) {
            ops.set(ops.size() - 1, op);
        }

        public FoldedGraph build(int logits) {
            return new FoldedGraph(tensors, ops, 0, logits);
        }
    }
}
