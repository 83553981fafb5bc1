package dev.signdigits.model.tflite;

import dev.signdigits.model.Padding;

/** The builtin options of an operator, for the operator kinds a MobileNet graph uses. */
public sealed interface OperatorOptions {

    record Conv2D(Padding padding, int strideW, int strideH, Activation activation,
                  int dilationW, int dilationH) implements OperatorOptions {}

    record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier,
                           Activation activation, int dilationW, int dilationH) implements OperatorOptions {}

    record Pool2D(Padding padding, int strideW, int strideH, int filterWidth, int filterHeight,
                  Activation activation) implements OperatorOptions {}

    record FullyConnected(Activation activation, boolean keepNumDims) implements OperatorOptions {}

    record Softmax(float beta) implements OperatorOptions {}

    record Add(Activation activation) implements OperatorOptions {}

    record Reshape(int[] newShape) implements OperatorOptions {
        public Reshape {
            newShape = newShape.clone();
        }

        @Override
        public int[] newShape() {
            return newShape.clone();
        }
    }

    record Squeeze(int[] squeezeDims) implements OperatorOptions {
        public Squeeze {
            squeezeDims = squeezeDims.clone();
        }

        @Override
        public int[] squeezeDims() {
            return squeezeDims.clone();
        }
    }

    record Reducer(boolean keepDims) implements OperatorOptions {}

    /** No options, or options of a kind we do not interpret (unionType is the schema's id). */
    record Other(int unionType) implements OperatorOptions {}
}
