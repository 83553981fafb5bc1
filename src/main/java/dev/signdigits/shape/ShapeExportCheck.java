package dev.signdigits.shape;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.signdigits.runtime.tflite.TfliteInterpreter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the exported hand-shape files in the real runtimes (TFLite, ONNX Runtime) on given hand
 * shapes and counts where their top-1 agrees with the network in Java: the proof that an app
 * reading the exports gets the model that was trained.
 */
public final class ShapeExportCheck {

    /** Agreement of both exports on {@code count} hands, and the largest probability difference seen. */
    public record Agreement(int count, int tfliteAgree, int onnxAgree, double maxDifference) {
        public boolean complete() {
            return tfliteAgree == count && onnxAgree == count;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "TFLite %d/%d, ONNX %d/%d top-1 agree (max |dp| %.1e)",
                    tfliteAgree, count, onnxAgree, count, maxDifference);
        }
    }

    private ShapeExportCheck() {}

    public static Agreement check(ShapeNetwork net, Path tflite, Path onnx, List<float[]> shapes) {
        if (shapes.isEmpty()) {
            return new Agreement(0, 0, 0, 0);
        }
        int tfliteAgree = 0;
        int onnxAgree = 0;
        double maxDiff = 0;
        float[][] onnxOut = onnx(onnx, shapes, net.inputs());
        try (TfliteInterpreter interpreter = TfliteInterpreter.open(tflite, 1)) {
            for (int i = 0; i < shapes.size(); i++) {
                float[] java = net.probabilities(shapes.get(i));
                float[] t = interpreter.run(shapes.get(i));
                tfliteAgree += argmax(t) == argmax(java) ? 1 : 0;
                onnxAgree += argmax(onnxOut[i]) == argmax(java) ? 1 : 0;
                for (int k = 0; k < java.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.max(Math.abs(t[k] - java[k]), Math.abs(onnxOut[i][k] - java[k])));
                }
            }
        }
        return new Agreement(shapes.size(), tfliteAgree, onnxAgree, maxDiff);
    }

    private static float[][] onnx(Path file, List<float[]> shapes, int inputs) {
        FloatBuffer batch = FloatBuffer.allocate(shapes.size() * inputs);
        shapes.forEach(batch::put);
        batch.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, batch, new long[] {shapes.size(), inputs});
                 OrtSession.Result result = session.run(Map.of(ShapeExports.INPUT, input))) {
                return (float[][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run " + file + ": " + e.getMessage(), e);
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }
}
