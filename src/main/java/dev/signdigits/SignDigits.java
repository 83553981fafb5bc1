package dev.signdigits;

import dev.signdigits.predict.DigitClassifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point for applications that embed signdigits: opens a trained model as a
 * {@link DigitReader}.
 *
 * <pre>{@code
 * try (DigitReader reader = SignDigits.open(Path.of("models/finetuned/latest"))) {
 *     DigitReading reading = reader.read(Path.of("photo.jpg"));
 *     System.out.println(reading.digit() + " " + reading.probability());
 * }
 * }</pre>
 *
 * <p>A model is the directory {@code signdigits train} writes, or one file that
 * {@code signdigits export} wrote ({@code .tflite} or {@code .onnx}). The runtime that runs it is
 * one of these names:
 * <ul>
 *   <li>{@code auto} (the default): the fastest runtime that keeps the model's accuracy, as
 *       {@code signdigits serve} chooses it;</li>
 *   <li>{@code djl}: the trained model itself on PyTorch (a model directory only);</li>
 *   <li>{@code tflite}, {@code tflite-float16}, {@code tflite-int8}: the TensorFlow Lite exports
 *       ({@code model.tflite}, {@code model-float16.tflite}, {@code model-int8.tflite} in the
 *       directory, or the file given);</li>
 *   <li>{@code onnx}: the ONNX export on ONNX Runtime ({@code model.onnx}, or the file given).</li>
 * </ul>
 * Only the chosen runtime's classes and native library are loaded: {@code tflite*} and
 * {@code onnx} need no PyTorch.
 */
public final class SignDigits {
    /** The runtime {@link #open(Path)} uses. */
    public static final String DEFAULT_RUNTIME = "auto";

    private SignDigits() {}

    /**
     * Opens {@code model} with the {@code auto} runtime and one CPU thread per core.
     *
     * @param model a model directory made by {@code signdigits train}, or an exported file
     * @return a reader; close it when done to free its native memory
     * @throws SignDigitsException when the model does not exist or cannot be loaded
     */
    public static DigitReader open(Path model) {
        return options().open(model);
    }

    /**
     * Options for opening a model: the runtime, its threads and how many calls may run at once.
     *
     * @return the defaults: {@code auto}, one thread per core, one call at a time per interpreter
     */
    public static Options options() {
        return new Options(DEFAULT_RUNTIME, 0, 1);
    }

    /**
     * How a model is opened; immutable, each setter returns a changed copy.
     *
     * @param runtime     {@code auto}, {@code djl}, {@code tflite}, {@code tflite-float16},
     *                    {@code tflite-int8} or {@code onnx}
     * @param threads     CPU threads one call may use; 0 means one per core. For {@code djl} this
     *                    takes effect only if PyTorch is not loaded yet in this process
     * @param concurrency calls that may run at the same time on the {@code tflite*} runtimes (one
     *                    interpreter each); {@code onnx} takes concurrent calls as it is, {@code djl}
     *                    runs one call at a time
     */
    public record Options(String runtime, int threads, int concurrency) {
        /**
         * Checks the values.
         *
         * @param runtime     a runtime name (checked when the model is opened)
         * @param threads     0 or more
         * @param concurrency 1 or more
         * @throws SignDigitsException when a count is out of range
         */
        public Options {
            Objects.requireNonNull(runtime, "runtime");
            if (threads < 0) {
                throw new SignDigitsException("threads is " + threads + "; use 0 (one per core) or a positive count.");
            }
            if (concurrency < 1) {
                throw new SignDigitsException("concurrency is " + concurrency + "; use 1 or more.");
            }
        }

        /**
         * @param name a runtime name (see {@link SignDigits})
         * @return these options with that runtime
         */
        public Options runtime(String name) {
            return new Options(name, threads, concurrency);
        }

        /**
         * @param count CPU threads per call; 0 means one per core
         * @return these options with that thread count
         */
        public Options threads(int count) {
            return new Options(runtime, count, concurrency);
        }

        /**
         * @param calls calls that may run at the same time (tflite runtimes)
         * @return these options with that concurrency
         */
        public Options concurrency(int calls) {
            return new Options(runtime, threads, calls);
        }

        /**
         * Opens {@code model} with these options.
         *
         * @param model a model directory made by {@code signdigits train}, or an exported file
         * @return a reader; close it when done to free its native memory
         * @throws SignDigitsException when the runtime name is unknown, or the model does not
         *                             exist, lacks the runtime's file, or cannot be loaded
         */
        public DigitReader open(Path model) {
            Objects.requireNonNull(model, "model");
            if (!Files.exists(model)) {
                throw new SignDigitsException("Model " + model + " does not exist; pass the directory made by"
                        + " 'signdigits train' or a .tflite or .onnx file made by 'signdigits export'.");
            }
            return new DigitReader(DigitClassifiers.open(runtime, model, threads, concurrency));
        }
    }
}
