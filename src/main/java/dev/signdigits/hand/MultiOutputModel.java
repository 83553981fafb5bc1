package dev.signdigits.hand;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import dev.signdigits.SignDigitsException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.InterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * A float TFLite model with one input and several outputs on the bytedeco TFLite runtime (XNNPACK
 * kernels), checked at load time against the shapes the caller expects, so a wrong or damaged
 * file fails once with a clear message instead of misreading tensors later. Not thread-safe:
 * one instance per thread (calls on one instance are serialized). Close it to free the native model.
 */
final class MultiOutputModel implements AutoCloseable {
    private final Path file;
    private final String fixHint;
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final int inputElements;
    private final int[] outputElements;

    /**
     * @param inputShape   the expected input shape, e.g. {1, 224, 224, 3}
     * @param outputShapes the expected output shapes, in output order
     * @param threads      CPU threads for this interpreter (1 or more)
     * @param fixHint      what the user should do if the file is wrong, e.g. how to get it again
     */
    MultiOutputModel(Path file, int[] inputShape, int[][] outputShapes, int threads, String fixHint) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.file = file;
        this.fixHint = fixHint;
        model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            resolver = null;
            interpreter = null;
            throw broken("the TFLite runtime cannot load it");
        }
        resolver = new BuiltinOpResolver();
        interpreter = new Interpreter((Pointer) null);
        try (InterpreterOptions options = new InterpreterOptions();
             InterpreterBuilder builder = new InterpreterBuilder(model, resolver, options)) {
            builder.SetNumThreads(threads);
            if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull() || interpreter.AllocateTensors() != kTfLiteOk) {
                close();
                throw broken("the TFLite runtime cannot build an interpreter for it");
            }
        }
        long outputs = interpreter.outputs().limit();
        if (outputs != outputShapes.length) {
            close();
            throw broken("it has " + outputs + " outputs, not " + outputShapes.length);
        }
        check("input", interpreter.input_tensor(0), inputShape);
        outputElements = new int[outputShapes.length];
        for (int i = 0; i < outputShapes.length; i++) {
            outputElements[i] = check("output " + i, interpreter.output_tensor(i), outputShapes[i]);
        }
        inputElements = Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
    }

    /** Feeds {@code input} (NHWC floats) and returns every expected output, in order. */
    synchronized float[][] run(float[] input) {
        if (input.length != inputElements) {
            throw new IllegalArgumentException(file.getFileName() + " takes " + inputElements + " values, got " + input.length);
        }
        interpreter.input_tensor(0).data().f().put(input);
        if (interpreter.Invoke() != kTfLiteOk) {
            throw new SignDigitsException("The TFLite runtime failed to run " + file + "; " + fixHint,
                    SignDigitsException.ENVIRONMENT, null);
        }
        float[][] out = new float[outputElements.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[outputElements[i]];
            interpreter.output_tensor(i).data().f().get(out[i]);
        }
        return out;
    }

    private int check(String what, TfLiteTensor tensor, int[] expected) {
        int[] shape = new int[tensor == null || tensor.isNull() ? 0 : tensor.dims().size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = tensor.dims().data(d);
        }
        if (!Arrays.equals(shape, expected) || tensor.type() != kTfLiteFloat32) {
            close();
            throw broken("its " + what + " is " + Arrays.toString(shape) + " of TFLite type "
                    + (tensor == null ? "none" : tensor.type()) + ", not float32 " + Arrays.toString(expected));
        }
        return Arrays.stream(expected).reduce(1, (a, b) -> a * b);
    }

    private SignDigitsException broken(String why) {
        return new SignDigitsException("Hand model " + file + " is not usable (" + why + "); " + fixHint,
                SignDigitsException.ENVIRONMENT, null);
    }

    @Override
    public synchronized void close() {
        // the interpreter refers to the model's buffers: release it first
        if (interpreter != null && !interpreter.isNull()) {
            interpreter.close();
        }
        if (resolver != null && !resolver.isNull()) {
            resolver.close();
        }
        if (model != null && !model.isNull()) {
            model.close();
        }
    }
}
