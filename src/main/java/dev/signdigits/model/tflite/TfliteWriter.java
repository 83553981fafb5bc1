package dev.signdigits.model.tflite;

import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.model.graph.GraphOp;
import dev.signdigits.model.graph.GraphTensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import dev.signdigits.model.Padding;

/**
 * Writes a {@link FoldedGraph} as a TFLite model: NHWC layout, input {@value #INPUT} float32
 * {@code [1, H, W, 3]} (normalized as the metadata says), output {@value #OUTPUT} float32
 * {@code [1, classes]} (softmax). TF-SAME padding is TFLite's own SAME, ReLU6 is fused into the
 * convolutions, global pooling is AVERAGE_POOL_2D plus RESHAPE.
 *
 * <ul>
 *   <li>{@link Precision#FLOAT32}: float weights and arithmetic.</li>
 *   <li>{@link Precision#FLOAT16}: weights and biases stored as float16, each expanded by a DEQUANTIZE
 *       op when the model loads; arithmetic stays float32 (half the size, same speed).</li>
 *   <li>{@link Precision#INT8}: full-integer model with a float interface: QUANTIZE after the input,
 *       int8 activations (per tensor, asymmetric, from calibration stats), int8 weights (per channel,
 *       symmetric; per tensor for the dense layer), int32 biases, int8 softmax, DEQUANTIZE at the end.</li>
 * </ul>
 */
public final class TfliteWriter {
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    /** Name of the metadata entry holding the exporter's JSON document. */
    public static final String METADATA_NAME = "signdigits";

    /** How weights and activations are stored. */
    public enum Precision { FLOAT32, FLOAT16, INT8 }

    /**
     * The file, and for each graph tensor id the index of the TFLite tensor holding it (the float
     * tensor, or the int8 one in an int8 model); pooled tensors map to the reshaped vector.
     */
    public record Result(byte[] bytes, int[] tensorIndex) {
        public Result {
            tensorIndex = tensorIndex.clone();
        }

        @Override
        public int[] tensorIndex() {
            return tensorIndex.clone();
        }
    }

    private final FoldedGraph graph;
    private final Precision precision;
    private final ActivationStats stats;
    private final TfliteBuilder b = new TfliteBuilder();
    private final WeightTensors weightTensors;
    private final int[] index;
    private final Quantization[] quant;

    private TfliteWriter(FoldedGraph graph, Precision precision, ActivationStats stats) {
        this.graph = graph;
        this.precision = precision;
        this.stats = stats;
        this.weightTensors = new WeightTensors(b, precision, stats);
        this.index = new int[graph.tensors().size()];
        this.quant = new Quantization[graph.tensors().size()];
        Arrays.fill(index, -1);
    }

    /**
     * @param stats      activation stats by graph tensor id; required for INT8 (including the
     *                    input's), ignored otherwise
     * @param metadata    stored as metadata entry {@value #METADATA_NAME}
     * @param description the model's description string
     */
    public static Result write(FoldedGraph graph, Precision precision, ActivationStats stats, byte[] metadata,
                               String description) {
        if (precision == Precision.INT8 && stats == null) {
            throw new IllegalArgumentException("int8 export needs calibration stats");
        }
        return new TfliteWriter(graph, precision, stats).emit(metadata, description, false);
    }

    /**
     * A model whose every graph tensor is also a subgraph output, so the runtime keeps each one's
     * values after a run instead of reusing its memory for later layers: for calibration (float32,
     * see {@code model.export.TfliteCalibrator}) and for comparing layers between precisions.
     */
    public static Result writeForInspection(FoldedGraph graph, Precision precision, ActivationStats stats) {
        if (precision == Precision.INT8 && stats == null) {
            throw new IllegalArgumentException("int8 export needs calibration stats");
        }
        return new TfliteWriter(graph, precision, stats).emit(new byte[0], "inspection", true);
    }

    private Result emit(byte[] metadata, String description, boolean exposeAll) {
        int size = graph.inputSize();
        int[] imageShape = {1, size, size, 3};
        int input = b.activation(INPUT, imageShape, TensorType.FLOAT32, null);
        if (int8()) {
            quant[graph.input()] = activationQuant(graph.input());
            index[graph.input()] = b.activation(INPUT + "_int8", imageShape, TensorType.INT8, quant[graph.input()]);
            b.operator(BuiltinOperators.QUANTIZE, 1, new int[] {input}, new int[] {index[graph.input()]},
                    BuiltinOptionsWriter.NONE);
        } else {
            index[graph.input()] = input;
        }
        for (GraphOp op : graph.ops()) {
            if (op instanceof GraphOp.Conv conv) {
                conv(conv);
            } else if (op instanceof GraphOp.Add add) {
                add(add);
            } else if (op instanceof GraphOp.GlobalAveragePool pool) {
                pool(pool);
            } else if (op instanceof GraphOp.Dense dense) {
                dense(dense);
            }
        }
        int[] outShape = {1, graph.numClasses()};
        int output = b.activation(OUTPUT, outShape, TensorType.FLOAT32, null);
        int logits = index[graph.logits()];
        if (int8()) {
            // TFLite's int8 softmax has a fixed output quantization: steps of 1/256 from -128.
            Quantization probabilities = new Quantization(new float[] {1f / 256}, new long[] {-128}, 0);
            int softmax = b.activation(OUTPUT + "_int8", outShape, TensorType.INT8, probabilities);
            b.operator(BuiltinOperators.SOFTMAX, 2, new int[] {logits}, new int[] {softmax}, BuiltinOptionsWriter.softmax(1f));
            b.operator(BuiltinOperators.DEQUANTIZE, 2, new int[] {softmax}, new int[] {output}, BuiltinOptionsWriter.NONE);
        } else {
            b.operator(BuiltinOperators.SOFTMAX, 1, new int[] {logits}, new int[] {output}, BuiltinOptionsWriter.softmax(1f));
        }
        b.metadata(METADATA_NAME, metadata);
        int[] outputs = {output};
        if (exposeAll) {
            outputs = IntStream.concat(IntStream.of(output),
                    Arrays.stream(index).filter(i -> i >= 0 && i != input)).distinct().toArray();
        }
        return new Result(b.finish(new int[] {input}, outputs, description), index);
    }

    private void conv(GraphOp.Conv conv) {
        GraphTensor in = graph.tensor(conv.input());
        GraphTensor out = graph.tensor(conv.output());
        int k = conv.kernel();
        boolean dw = conv.depthwise();
        float[] oihw = conv.weights();
        float[] weights = dw ? NhwcLayout.depthwiseTo1hwc(oihw, out.channels(), k)
                : NhwcLayout.convToOhwi(oihw, out.channels(), in.channels(), k);
        int[] weightShape = dw ? new int[] {1, k, k, out.channels()} : new int[] {out.channels(), k, k, in.channels()};
        int[] constants = weightTensors.conv(conv, weights, weightShape, quant[conv.input()]);
        int output = activation(conv.output(), new int[] {1, out.size(), out.size(), out.channels()});
        Padding padding = padding(conv, in.size());
        Activation activation = conv.relu6() ? Activation.RELU6 : Activation.NONE;
        int version = int8() ? 3 : 1;
        int[] inputs = {index[conv.input()], constants[0], constants[1]};
        if (dw) {
            b.operator(BuiltinOperators.DEPTHWISE_CONV_2D, version, inputs, new int[] {output},
                    BuiltinOptionsWriter.depthwiseConv2d(padding, conv.stride(), activation));
        } else {
            b.operator(BuiltinOperators.CONV_2D, version, inputs, new int[] {output},
                    BuiltinOptionsWriter.conv2d(padding, conv.stride(), activation));
        }
    }

    private void add(GraphOp.Add add) {
        GraphTensor out = graph.tensor(add.output());
        int output = activation(add.output(), new int[] {1, out.size(), out.size(), out.channels()});
        b.operator(BuiltinOperators.ADD, int8() ? 2 : 1, new int[] {index[add.left()], index[add.right()]},
                new int[] {output}, BuiltinOptionsWriter.add());
    }

    private void pool(GraphOp.GlobalAveragePool pool) {
        GraphTensor in = graph.tensor(pool.input());
        int channels = in.channels();
        // int8 average pooling and reshape keep their input's quantization
        quant[pool.output()] = quant[pool.input()];
        TensorType type = int8() ? TensorType.INT8 : TensorType.FLOAT32;
        int pooled = b.activation(graph.tensor(pool.output()).name() + "/nhwc", new int[] {1, 1, 1, channels}, type,
                quant[pool.output()]);
        b.operator(BuiltinOperators.AVERAGE_POOL_2D, int8() ? 2 : 1, new int[] {index[pool.input()]}, new int[] {pooled},
                BuiltinOptionsWriter.averagePool(in.size()));
        int[] newShape = {-1, channels};
        int shape = b.constant(graph.tensor(pool.output()).name() + "/shape", new int[] {2}, TensorType.INT32,
                WeightTensors.littleEndian(newShape), null);
        int output = b.activation(graph.tensor(pool.output()).name(), new int[] {1, channels}, type, quant[pool.output()]);
        index[pool.output()] = output;
        b.operator(BuiltinOperators.RESHAPE, 1, new int[] {pooled, shape}, new int[] {output},
                BuiltinOptionsWriter.reshape(newShape));
    }

    private void dense(GraphOp.Dense dense) {
        int[] constants = weightTensors.dense(dense, quant[dense.input()]);
        int output = activation(dense.output(), new int[] {1, dense.outFeatures()});
        b.operator(BuiltinOperators.FULLY_CONNECTED, int8() ? 4 : 1, new int[] {index[dense.input()], constants[0], constants[1]},
                new int[] {output}, BuiltinOptionsWriter.fullyConnected());
    }

    /** The activation tensor for graph tensor {@code id}, quantized from its range in an int8 model. */
    private int activation(int id, int[] shape) {
        if (int8()) {
            quant[id] = activationQuant(id);
        }
        index[id] = b.activation(graph.tensor(id).name(), shape, int8() ? TensorType.INT8 : TensorType.FLOAT32, quant[id]);
        return index[id];
    }

    private Quantization activationQuant(int id) {
        return Int8Quantizer.activation(stats.min(id), stats.max(id));
    }

    /** TFLite pads only as SAME or VALID; the folded pads must be one of them. */
    private static Padding padding(GraphOp.Conv conv, int inputSize) {
        int[] same = Padding.SAME.amounts(inputSize, conv.kernel(), conv.stride(), 1);
        int[] p = conv.pads();
        if (p[0] == same[0] && p[1] == same[0] && p[2] == same[1] && p[3] == same[1]) {
            return Padding.SAME;
        }
        if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) {
            return Padding.VALID;
        }
        throw new IllegalStateException("convolution " + conv.name() + " pads " + Arrays.toString(p)
                + ", which is neither TFLite SAME nor VALID");
    }

    private boolean int8() {
        return precision == Precision.INT8;
    }
}
