package dev.signdigits.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.signdigits.SignDigitsException;
import dev.signdigits.model.store.ExportMetadata;
import dev.signdigits.model.onnx.OnnxWriter;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import dev.signdigits.image.ModelInput;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ExportedModelInfo;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.runtime.TensorClassifier;

/**
 * A model exported with {@code signdigits export --format onnx}, served by ONNX Runtime (CPU).
 * Needs neither PyTorch nor training code: labels, input size and normalization come from the
 * file's metadata_props. An ORT session may be run from several threads at once; the batch
 * dimension is dynamic, so a call runs all its images in one pass.
 */
public final class OnnxDigitClassifier implements DigitClassifier, TensorClassifier {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final ModelInfo info;
    private final ModelInput preprocessor;
    private final ReadWriteLock open = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxDigitClassifier(Path file, OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session,
                                ExportMetadata metadata) {
        this.file = file;
        this.env = env;
        this.options = options;
        this.session = session;
        this.info = ExportedModelInfo.of(metadata, "onnx", file);
        this.preprocessor = metadata.modelInput();
    }

    /** Opens {@code file} with one intra-op thread per core. */
    public static OnnxDigitClassifier open(Path file) {
        return open(file, Runtime.getRuntime().availableProcessors());
    }

    /** Opens {@code file}; one call may use {@code threads} CPU threads. */
    public static OnnxDigitClassifier open(Path file, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException("ONNX file " + file + " does not exist; export one with"
                    + " 'signdigits export --format onnx'.");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Idle pool threads sleep instead of spinning: spinning starves other work on a small, shared CPU.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(file.toString(), options);
            String json = session.getMetadata().getCustomMetadata().get(ExportMetadata.KEY);
            if (json == null) {
                throw new SignDigitsException(file + " has no signdigits metadata (labels, input size, normalization):"
                        + " it was not made by 'signdigits export'; export the model with 'signdigits export --format onnx'.");
            }
            return new OnnxDigitClassifier(file, env, options, session, ExportMetadata.fromJson(json, file.toString()));
        } catch (OrtException e) {
            closeQuietly(session, options);
            throw new SignDigitsException("ONNX Runtime cannot load " + file + " (" + firstLine(e)
                    + "); it is not a valid ONNX model: export it again with 'signdigits export --format onnx'.", e);
        } catch (RuntimeException e) {
            closeQuietly(session, options);
            throw e;
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
        return classifyTensor(preprocessor.toBatch(images), images.size());
    }

    @Override
    public List<float[]> classifyTensor(float[] nchw, int n) {
        int size = preprocessor.inputSize();
        int per = preprocessor.valuesPerImage();
        if (n < 0 || nchw.length < (long) n * per) {
            throw new IllegalArgumentException("expected " + n + " x " + per + " values, got " + nchw.length);
        }
        if (n == 0) {
            return List.of();
        }
        open.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the ONNX classifier for " + file + " is closed");
            }
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw, 0, n * per),
                    new long[] {n, 3, size, size});
                 OrtSession.Result result = session.run(Map.of(OnnxWriter.INPUT, input))) {
                float[][] probabilities = (float[][]) result.get(0).getValue();
                List<float[]> out = new ArrayList<>(n);
                for (float[] row : probabilities) {
                    out.add(row);
                }
                return out;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to run " + file + ": " + firstLine(e), e);
            }
        } finally {
            open.readLock().unlock();
        }
    }

    /** Waits for running calls to finish, then frees the session. */
    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session, options);
            }
        } finally {
            open.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException ignored) {
            // nothing left to release
        }
        options.close();
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
