package dev.signdigits.model.tflite;

import java.util.List;

/** A subgraph: its tensors, the tensor indices of its inputs and outputs, and operators in execution order. */
public record TfliteSubgraph(String name, List<TfliteTensor> tensors, int[] inputs, int[] outputs,
                             List<TfliteOperator> operators) {
    public TfliteSubgraph {
        tensors = List.copyOf(tensors);
        operators = List.copyOf(operators);
        inputs = inputs.clone();
        outputs = outputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    public TfliteTensor tensor(int index) {
        return tensors.get(index);
    }

    public TfliteTensor input(int i) {
        return tensors.get(inputs[i]);
    }

    public TfliteTensor output(int i) {
        return tensors.get(outputs[i]);
    }
}
