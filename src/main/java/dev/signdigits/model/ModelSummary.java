package dev.signdigits.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Keras-style table of a network: per layer its output shape, parameter count and whether its
 * parameters train; totals split into trainable and non-trainable (frozen parameters and batch-norm
 * running statistics). The layers must be initialized (or loaded) so parameter shapes are known.
 */
public record ModelSummary(Shape inputShape, List<Row> rows, long totalParameters, long trainableParameters) {

    /** One layer: name, output shape, parameter count, and how many of those train. */
    public record Row(String name, Shape outputShape, long parameters, long trainable) {
        public String state() {
            if (parameters == 0) {
                return "";
            }
            return trainable == 0 ? "frozen" : trainable == parameters ? "trainable" : "trainable*";
        }
    }

    public ModelSummary {
        rows = List.copyOf(rows);
    }

    public static ModelSummary of(List<NamedLayer> layers, Shape inputShape) {
        List<Row> rows = new ArrayList<>();
        Shape[] shapes = {inputShape};
        long total = 0;
        long trainable = 0;
        for (NamedLayer layer : layers) {
            shapes = layer.block().getOutputShapes(shapes);
            long count = 0;
            long trains = 0;
            for (Pair<String, Parameter> p : layer.block().getParameters()) {
                Shape shape = p.getValue().getShape();
                if (shape == null) {
                    throw new IllegalStateException("layer " + layer.name() + " is not initialized; initialize or load it first");
                }
                count += shape.size();
                trains += p.getValue().requiresGradient() ? shape.size() : 0;
            }
            rows.add(new Row(layer.name(), shapes[0], count, trains));
            total += count;
            trainable += trains;
        }
        return new ModelSummary(inputShape, rows, total, trainable);
    }

    public long nonTrainableParameters() {
        return totalParameters - trainableParameters;
    }

    public Shape outputShape() {
        return rows.isEmpty() ? inputShape : rows.get(rows.size() - 1).outputShape();
    }

    /** The table as text; "trainable*" marks a layer whose running statistics do not train. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        String format = "%-4s %-28s %-22s %12s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "#", "LAYER", "OUTPUT SHAPE", "PARAMS", "STATE"));
        sb.append(String.format(Locale.ROOT, format, "", "input", inputShape, "", ""));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            sb.append(String.format(Locale.ROOT, format, i, row.name(), row.outputShape(),
                    String.format(Locale.ROOT, "%,d", row.parameters()), row.state()));
        }
        sb.append(String.format(Locale.ROOT, "Layers: %d%nTotal parameters: %,d%nTrainable: %,d%n"
                        + "Non-trainable (frozen or batch-norm running statistics): %,d%n"
                        + "(trainable* = trainable except its batch-norm running statistics)%n",
                rows.size(), totalParameters, trainableParameters, nonTrainableParameters()));
        return sb.toString();
    }
}
