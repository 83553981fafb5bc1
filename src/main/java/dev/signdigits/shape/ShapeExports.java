package dev.signdigits.shape;

import dev.signdigits.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The hand-shape network as files for apps: TFLite and ONNX, float32, input {@value #INPUT}
 * {@code [batch, inputs]} (the {@link HandShape} features), output {@value #OUTPUT}
 * {@code [batch, outputs]} (softmax), the caller's JSON document under metadata name
 * {@value #METADATA_NAME}. Both files compute what {@link ShapeNetwork#probabilities} computes.
 * A file is written whole or not at all: the previous version survives a failure.
 */
public final class ShapeExports {
    public static final String INPUT = "features";
    public static final String OUTPUT = "probabilities";
    /** The metadata entry (TFLite) or metadata_props key (ONNX) holding the JSON document. */
    public static final String METADATA_NAME = "signdigits";
    /** Where a model directory keeps them, beside the image model's exports. */
    public static final String TFLITE_FILE = "hand-shape.tflite";
    public static final String ONNX_FILE = "hand-shape.onnx";

    private ShapeExports() {}

    /** TFLite flatbuffer with batch 1: FULLY_CONNECTED, RELU, FULLY_CONNECTED, SOFTMAX. */
    public static void writeTflite(ShapeNetwork net, Path file, String metadataJson) {
        check(net, metadataJson);
        byte[] bytes = ShapeTfliteWriter.write(net, metadataJson.getBytes(StandardCharsets.UTF_8), description(net));
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** ONNX model (opset 13) with a dynamic batch: Gemm, Relu, Gemm, Softmax(axis 1). */
    public static void writeOnnx(ShapeNetwork net, Path file, String metadataJson) {
        check(net, metadataJson);
        byte[] bytes = ShapeOnnxWriter.write(net, metadataJson, description(net));
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The record already guarantees consistent sizes; a NaN or infinite weight (a diverged
     * training) would export fine and then answer NaN for every hand, so it is refused here.
     */
    private static void check(ShapeNetwork net, String metadataJson) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(metadataJson, "metadataJson");
        String[] names = {"w1", "b1", "w2", "b2"};
        float[][] parts = {net.w1(), net.b1(), net.w2(), net.b2()};
        for (int p = 0; p < parts.length; p++) {
            for (int i = 0; i < parts[p].length; i++) {
                if (!Float.isFinite(parts[p][i])) {
                    throw new IllegalArgumentException("hand-shape network " + shape(net) + " has " + names[p] + "[" + i
                            + "] = " + parts[p][i] + "; a network with non-finite weights cannot be exported (retrain it)");
                }
            }
        }
    }

    private static String description(ShapeNetwork net) {
        return "signdigits hand-shape network " + shape(net) + ", float32";
    }

    private static String shape(ShapeNetwork net) {
        return net.inputs() + "-" + net.hidden() + "-" + net.outputs();
    }
}
