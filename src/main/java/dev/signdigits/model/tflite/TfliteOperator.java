package dev.signdigits.model.tflite;

/** One node of a subgraph: operator kind, input and output tensor indices (-1 = absent), options. */
public record TfliteOperator(int index, OperatorCode code, int[] inputs, int[] outputs, OperatorOptions options) {
    public TfliteOperator {
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

    public int input(int i) {
        return i < inputs.length ? inputs[i] : -1;
    }

    public int output(int i) {
        return outputs[i];
    }

    public int builtinCode() {
        return code.builtinCode();
    }

    public String name() {
        return code.name();
    }

    @Override
    public String toString() {
        return name() + " (operator " + index + ")";
    }
}
