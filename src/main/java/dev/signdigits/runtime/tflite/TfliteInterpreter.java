package dev.signdigits.runtime.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt8;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

import dev.signdigits.SignDigitsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.InterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * The reference TFLite runtime (bytedeco build of TensorFlow Lite, with XNNPACK) on one .tflite
 * file with one input and one output: feed a uint8/int8 or float input, get the output
 * dequantized to floats. Calls are serialized (an interpreter is not thread-safe); use one
 * instance per thread for parallel work. Close it to free the native model.
 */
public final class TfliteInterpreter implements AutoCloseable {
    private final Path file;
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final TensorSpec input;
    private final TensorSpec output;

    /** Shape, element type (kTfLite* code) and quantization of an input or output. */
    public record TensorSpec(int[] shape, int type, float scale, int zeroPoint, long bytes) {
        public TensorSpec {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public boolean quantized() {
            return type == kTfLiteUInt8 || type == kTfLiteInt8;
        }

        public int elements() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private TfliteInterpreter(Path file, int threads, boolean inspect) {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException("TFLite file " + file + " does not exist; check the path.");
        }
        model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new SignDigitsException("The TFLite runtime cannot load " + file + "; it is not a valid .tflite file.");
        }
        resolver = inspect ? new BuiltinOpResolverWithoutDefaultDelegates() : new BuiltinOpResolver();
        interpreter = new Interpreter((Pointer) null);
        try (InterpreterOptions options = new InterpreterOptions();
             InterpreterBuilder builder = new InterpreterBuilder(model, resolver, options)) {
            options.SetPreserveAllTensors(inspect);
            builder.SetNumThreads(threads);
            if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull()) {
                close();
                throw new SignDigitsException("The TFLite runtime cannot build an interpreter for " + file
                        + " (unsupported operators?); re-export the model.");
            }
        }
        if (interpreter.AllocateTensors() != kTfLiteOk) {
            close();
            throw new SignDigitsException("The TFLite runtime cannot allocate tensors for " + file + "; re-export the model.");
        }
        input = spec(interpreter.input_tensor(0));
        output = spec(interpreter.output_tensor(0));
    }

    /** Loads {@code file} for inference with {@code threads} CPU threads (XNNPACK kernels). */
    public static TfliteInterpreter open(Path file, int threads) {
        return new TfliteInterpreter(file, threads, false);
    }

    /**
     * Loads {@code file} on TFLite's reference kernels with every intermediate tensor kept, so
     * {@link #tensor(int)} can read e.g. the logits before a quantized softmax. Slower; for tests.
     */
    public static TfliteInterpreter openForInspection(Path file) {
        return new TfliteInterpreter(file, 1, true);
    }

    public TensorSpec input() {
        return input;
    }

    public TensorSpec output() {
        return output;
    }

    /** Runs on raw input bytes (uint8/int8 models: already quantized values, e.g. RGB pixels). */
    public synchronized float[] runQuantized(byte[] data) {
        if (!input.quantized()) {
            throw new IllegalArgumentException(file + " takes float input, not bytes");
        }
        checkLength(data.length);
        interpreter.input_tensor(0).data().raw().put(data);
        return invoke();
    }

    /**
     * Runs on real-valued input; for a quantized input tensor the values are quantized first
     * ({@code q = round(v / scale) + zeroPoint}, clamped to the type's range).
     */
    public synchronized float[] run(float[] data) {
        checkLength(data.length);
        if (input.type() == kTfLiteFloat32) {
            interpreter.input_tensor(0).data().f().put(data);
            return invoke();
        }
        byte[] q = new byte[data.length];
        int lo = input.type() == kTfLiteUInt8 ? 0 : -128;
        for (int i = 0; i < data.length; i++) {
            long v = Math.round(data[i] / input.scale()) + input.zeroPoint();
            q[i] = (byte) Math.max(lo, Math.min(lo + 255, v));
        }
        interpreter.input_tensor(0).data().raw().put(q);
        return invoke();
    }

    private float[] invoke() {
        if (interpreter.Invoke() != kTfLiteOk) {
            throw new SignDigitsException("The TFLite runtime failed to run " + file + "; re-export the model.");
        }
        return read(interpreter.output_tensor(0), output);
    }

    // typed_*_tensor_byte() means int8 to TFLite and is null for uint8 tensors: use the raw data pointer.
    private float[] read(TfLiteTensor tensor, TensorSpec spec) {
        float[] out = new float[spec.elements()];
        switch (spec.type()) {
            case kTfLiteFloat32 -> tensor.data().f().get(out);
            case kTfLiteUInt8, kTfLiteInt8 -> {
                byte[] raw = new byte[out.length];
                tensor.data().raw().get(raw);
                for (int i = 0; i < out.length; i++) {
                    int q = spec.type() == kTfLiteUInt8 ? raw[i] & 0xff : raw[i];
                    out[i] = spec.scale() * (q - spec.zeroPoint());
                }
            }
            default -> throw new SignDigitsException(file + " has a tensor of TFLite type " + spec.type()
                    + "; only float32, uint8 and int8 can be read.");
        }
        return out;
    }

    /** Tensor {@code index} of the main subgraph after the last run, dequantized (needs {@link #openForInspection}). */
    public synchronized float[] tensor(int index) {
        if (index < 0 || index >= interpreter.tensors_size()) {
            throw new IllegalArgumentException(file + " has no tensor " + index);
        }
        TfLiteTensor t = interpreter.tensor(index);
        TensorSpec spec = spec(t);
        if (t.data().raw() == null || t.data().raw().isNull()) {
            throw new IllegalStateException("tensor " + index + " of " + file + " holds no data; open it for inspection");
        }
        return read(t, spec);
    }

    private void checkLength(int length) {
        if (length != input.elements()) {
            throw new IllegalArgumentException(file + " expects " + input.elements() + " input values, got " + length);
        }
    }

    private static TensorSpec spec(TfLiteTensor t) {
        int[] shape = new int[t.dims().size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dims().data(i);
        }
        return new TensorSpec(shape, t.type(), t.params().scale(), t.params().zero_point(), t.bytes());
    }

    @Override
    public synchronized void close() {
        // the interpreter refers to the model's buffers: release it first
        if (interpreter != null) {
            interpreter.close();
        }
        if (resolver != null) {
            resolver.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
