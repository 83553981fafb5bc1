package dev.signdigits.runtime.tflite;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.store.ExportMetadata;
import dev.signdigits.model.tflite.NhwcLayout;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteReader;
import dev.signdigits.model.tflite.TfliteWriter;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import dev.signdigits.image.ModelInput;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ExportedModelInfo;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.runtime.TensorClassifier;

/**
 * A model exported with {@code signdigits export --format tflite} (float32, float16 or int8),
 * served by the TFLite runtime with XNNPACK. Needs neither PyTorch nor training code: labels,
 * input size and normalization come from the file's metadata. An interpreter is not thread-safe,
 * so calls borrow one from a small pool; each call runs its images one at a time (the model's
 * batch is 1).
 */
public final class TfliteDigitClassifier implements DigitClassifier, TensorClassifier {
    private final Path file;
    private final ModelInfo info;
    private final ModelInput preprocessor;
    private final List<TfliteInterpreter> interpreters;
    private final BlockingQueue<TfliteInterpreter> idle;
    private final ReadWriteLock open = new ReentrantReadWriteLock();
    private boolean closed;

    private TfliteDigitClassifier(Path file, ExportMetadata metadata, List<TfliteInterpreter> interpreters) {
        this.file = file;
        this.info = ExportedModelInfo.of(metadata, runtimeName(metadata), file);
        this.preprocessor = metadata.modelInput();
        this.interpreters = List.copyOf(interpreters);
        this.idle = new ArrayBlockingQueue<>(interpreters.size(), false, interpreters);
    }

    /** The runtime name that serves this kind of file: tflite, tflite-float16 or tflite-int8. */
    static String runtimeName(ExportMetadata metadata) {
        return "none".equals(metadata.quantization()) ? "tflite" : "tflite-" + metadata.quantization();
    }

    /** Opens {@code file} with one interpreter using every core. */
    public static TfliteDigitClassifier open(Path file) {
        return open(file, 1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param instances          interpreters, i.e. calls that can run at the same time
     * @param threadsPerInstance CPU threads each interpreter may use
     */
    public static TfliteDigitClassifier open(Path file, int instances, int threadsPerInstance) {
        if (instances < 1 || threadsPerInstance < 1) {
            throw new SignDigitsException("TFLite needs at least one interpreter and one thread, got " + instances
                    + " and " + threadsPerInstance + ".");
        }
        ExportMetadata metadata = readMetadata(file);
        List<TfliteInterpreter> opened = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                TfliteInterpreter interpreter = TfliteInterpreter.open(file, threadsPerInstance);
                opened.add(interpreter);
                check(file, interpreter, metadata);
            }
        } catch (RuntimeException e) {
            opened.forEach(TfliteInterpreter::close);
            throw e;
        }
        return new TfliteDigitClassifier(file, metadata, opened);
    }

    /** The signdigits metadata a TFLite export carries; a clear error for any other .tflite file. */
    public static ExportMetadata readMetadata(Path file) {
        TfliteModel model = TfliteReader.read(file);
        Integer buffer = model.metadata().get(TfliteWriter.METADATA_NAME);
        if (buffer == null) {
            throw new SignDigitsException(file + " has no signdigits metadata (labels, input size, normalization):"
                    + " it was not made by 'signdigits export'; export the model with 'signdigits export --format tflite'.");
        }
        ByteBuffer bytes = model.buffer(buffer);
        byte[] json = new byte[bytes.remaining()];
        bytes.get(json);
        return ExportMetadata.fromJson(new String(json, StandardCharsets.UTF_8), file.toString());
    }

    private static void check(Path file, TfliteInterpreter interpreter, ExportMetadata m) {
        int size = m.inputSize();
        if (!Arrays.equals(interpreter.input().shape(), new int[] {1, size, size, 3})
                || interpreter.output().elements() != m.labels().size()) {
            throw new SignDigitsException(file + " has input " + Arrays.toString(interpreter.input().shape())
                    + " and " + interpreter.output().elements() + " outputs, which does not match its metadata ("
                    + size + "x" + size + " RGB, " + m.labels().size() + " labels); export the model again.");
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
        // Image by image into one reused buffer: the interpreter takes one image per run anyway, and
        // a whole batch as one float array (9.8 MB for 32 photos at 160 px) is a humongous object
        // for G1 on every call, which made batch jobs spend seconds in GC pauses.
        float[] chw = new float[preprocessor.valuesPerImage()];
        return run(images.size(), (i, hwc) -> {
            preprocessor.toChw(preprocessor.resize(images.get(i)), chw, 0);
            NhwcLayout.imageToHwc(chw, 0, 3, preprocessor.inputSize(), preprocessor.inputSize(), hwc);
        });
    }

    @Override
    public List<float[]> classifyTensor(float[] nchw, int n) {
        int size = preprocessor.inputSize();
        int per = preprocessor.valuesPerImage();
        if (n < 0 || nchw.length < (long) n * per) {
            throw new IllegalArgumentException("expected " + n + " x " + per + " values, got " + nchw.length);
        }
        return run(n, (i, hwc) -> NhwcLayout.imageToHwc(nchw, i * per, 3, size, size, hwc));
    }

    /** Writes image {@code i} of a call, NHWC and normalized, into {@code hwc}. */
    private interface HwcInput {
        void fill(int i, float[] hwc);
    }

    private List<float[]> run(int n, HwcInput input) {
        open.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the TFLite classifier for " + file + " is closed");
            }
            TfliteInterpreter interpreter = borrow();
            try {
                List<float[]> out = new ArrayList<>(n);
                float[] hwc = new float[preprocessor.valuesPerImage()];
                for (int i = 0; i < n; i++) {
                    input.fill(i, hwc);
                    out.add(interpreter.run(hwc));
                }
                return out;
            } finally {
                idle.add(interpreter);
            }
        } finally {
            open.readLock().unlock();
        }
    }

    private TfliteInterpreter borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a TFLite interpreter", e);
        }
    }

    /** Waits for running calls to finish, then frees the native interpreters. */
    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                interpreters.forEach(TfliteInterpreter::close);
            }
        } finally {
            open.writeLock().unlock();
        }
    }
}
