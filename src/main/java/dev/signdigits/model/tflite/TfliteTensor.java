package dev.signdigits.model.tflite;

import java.util.Arrays;

/**
 * One tensor of a subgraph: NHWC shape as stored, element type, the index of the buffer holding
 * its constant data (0 or an empty buffer for activations), and its quantization.
 */
public record TfliteTensor(int index, String name, int[] shape, TensorType type, int buffer,
                           Quantization quantization) {
    public TfliteTensor {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "tensor " + index + " '" + name + "' " + type + " " + shapeString();
    }
}
