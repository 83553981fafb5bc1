package dev.signdigits.model.backbone;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.tflite.Activation;
import dev.signdigits.model.tflite.BuiltinOperators;
import dev.signdigits.model.tflite.OperatorOptions;
import dev.signdigits.model.Padding;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteOperator;
import dev.signdigits.model.tflite.TfliteSubgraph;
import dev.signdigits.model.tflite.TfliteTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import dev.signdigits.model.ConvSlot;
import dev.signdigits.model.InvertedResidual;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.model.tflite.Quantization;
import dev.signdigits.model.tflite.TensorType;

/**
 * A TFLite graph recognized as a MobileNet: which one (from the convolution count and the channel
 * widths), its convolutions in execution order (each matched to a {@link ConvSlot} of the network
 * our factory builds for that spec), and its classifier, if any. Anything else is refused with a
 * sentence naming the first operator that does not fit.
 *
 * @param logits      the 1x1 CONV_2D or FULLY_CONNECTED after the pooling; null for an extractor
 * @param numClasses  output width of {@code logits}; 0 without one
 */
public record MobileNetGraph(TfliteModel model, MobileNetSpec spec, List<TfliteOperator> convolutions,
                             TfliteOperator logits, int numClasses, Preprocessing preprocessing) {
    private static final int V1_CONVOLUTIONS = 27;
    private static final int V2_CONVOLUTIONS = 52;
    private static final Set<Integer> SUPPORTED = Set.of(BuiltinOperators.CONV_2D,
            BuiltinOperators.DEPTHWISE_CONV_2D, BuiltinOperators.ADD, BuiltinOperators.AVERAGE_POOL_2D,
            BuiltinOperators.MEAN, BuiltinOperators.RESHAPE, BuiltinOperators.SQUEEZE, BuiltinOperators.SOFTMAX,
            BuiltinOperators.FULLY_CONNECTED, BuiltinOperators.QUANTIZE, BuiltinOperators.DEQUANTIZE);

    public MobileNetGraph {
        convolutions = List.copyOf(convolutions);
    }

    public static MobileNetGraph recognize(TfliteModel model) {
        TfliteSubgraph graph = model.mainGraph();
        checkOperators(model, graph);
        checkWeights(model, graph);
        TfliteTensor input = checkInput(model, graph);
        List<TfliteOperator> convs = new ArrayList<>();
        int adds = 0;
        int pool = -1;
        for (TfliteOperator op : graph.operators()) {
            int code = op.builtinCode();
            if (code == BuiltinOperators.AVERAGE_POOL_2D || code == BuiltinOperators.MEAN) {
                pool = op.index();
                break;
            }
            if (code == BuiltinOperators.CONV_2D || code == BuiltinOperators.DEPTHWISE_CONV_2D) {
                convs.add(op);
            } else if (code == BuiltinOperators.ADD) {
                adds++;
            }
        }
        if (pool < 0) {
            throw notMobileNet(model, "it has no global average pooling (AVERAGE_POOL_2D or MEAN)");
        }
        String architecture = architecture(model, convs.size(), adds);
        MobileNetSpec spec = matchWidth(model, graph, convs, architecture, input.dim(1));
        long residuals = MobileNets.backbone(spec).stream().filter(l -> l.block() instanceof InvertedResidual).count();
        if (adds != residuals) {
            throw notMobileNet(model, "it has " + adds + " ADD operators where " + spec.id() + " has " + residuals + " shortcuts");
        }
        checkGlobalPool(model, graph, graph.operators().get(pool));
        TfliteOperator logits = logits(model, graph, pool, spec.featureChannels());
        int classes = logits == null ? 0 : graph.tensor(logits.input(1)).dim(0);
        return new MobileNetGraph(model, spec, convs, logits, classes, preprocessingOf(input));
    }

    private static void checkOperators(TfliteModel model, TfliteSubgraph graph) {
        for (TfliteOperator op : graph.operators()) {
            if (!SUPPORTED.contains(op.builtinCode())) {
                throw new SignDigitsException(model.source() + ": unsupported operator " + op.name() + " (builtin code "
                        + op.builtinCode() + ") at operator index " + op.index() + "; signdigits imports MobileNet v1/v2"
                        + " graphs made of CONV_2D, DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D, MEAN, RESHAPE, SQUEEZE,"
                        + " SOFTMAX, FULLY_CONNECTED, QUANTIZE and DEQUANTIZE.");
            }
        }
    }

    /** Every convolution and dense layer has a constant weight tensor (input 1). */
    private static void checkWeights(TfliteModel model, TfliteSubgraph graph) {
        for (TfliteOperator op : graph.operators()) {
            int code = op.builtinCode();
            boolean weighted = code == BuiltinOperators.CONV_2D || code == BuiltinOperators.DEPTHWISE_CONV_2D
                    || code == BuiltinOperators.FULLY_CONNECTED;
            if (weighted && (op.input(1) < 0 || model.data(graph.tensor(op.input(1))).remaining() == 0)) {
                throw notMobileNet(model, op + " has no constant weights (computed or float16-dequantized weights"
                        + " are not supported)");
            }
        }
    }

    private static TfliteTensor checkInput(TfliteModel model, TfliteSubgraph graph) {
        if (graph.inputs().length != 1) {
            throw notMobileNet(model, "it has " + graph.inputs().length + " inputs instead of one image");
        }
        TfliteTensor input = graph.input(0);
        int[] s = input.shape();
        if (s.length != 4 || s[1] != s[2] || s[3] != 3) {
            throw notMobileNet(model, "its input " + input.shapeString() + " is not one square RGB image [1, N, N, 3]");
        }
        return input;
    }

    private static String architecture(TfliteModel model, int convs, int adds) {
        if (convs == V1_CONVOLUTIONS && adds == 0) {
            return MobileNetSpec.V1;
        }
        if (convs == V2_CONVOLUTIONS) {
            return MobileNetSpec.V2;
        }
        throw notMobileNet(model, "it has " + convs + " convolutions before the pooling, where MobileNet v1 has "
                + V1_CONVOLUTIONS + " and v2 has " + V2_CONVOLUTIONS);
    }

    /** The width whose network matches every convolution; the error names the first mismatch at the closest width. */
    private static MobileNetSpec matchWidth(TfliteModel model, TfliteSubgraph graph, List<TfliteOperator> convs,
                                            String architecture, int inputSize) {
        SignDigitsException closest = null;
        int firstOut = graph.tensor(convs.get(0).input(1)).dim(0);
        for (float width : MobileNetSpec.WIDTHS) {
            MobileNetSpec spec = new MobileNetSpec(architecture, width, inputSize);
            List<ConvSlot> slots = ConvSlot.of(MobileNets.backbone(spec));
            String mismatch = mismatch(graph, convs, slots);
            if (mismatch == null) {
                return spec;
            }
            if (closest == null || slots.get(0).out() == firstOut) {
                closest = notMobileNet(model, mismatch + " (closest: " + spec.id() + ")");
            }
        }
        throw closest;
    }

    /** Why the convolutions don't fit the slots, or null if they do. */
    static String mismatch(TfliteSubgraph graph, List<TfliteOperator> convs, List<ConvSlot> slots) {
        for (int i = 0; i < slots.size(); i++) {
            ConvSlot slot = slots.get(i);
            TfliteOperator op = convs.get(i);
            int[] w = graph.tensor(op.input(1)).shape();
            boolean dw = op.builtinCode() == BuiltinOperators.DEPTHWISE_CONV_2D;
            int[] expected = dw ? new int[] {1, slot.kernel(), slot.kernel(), slot.out()}
                    : new int[] {slot.out(), slot.kernel(), slot.kernel(), slot.in()};
            if (dw != slot.depthwise() || !Arrays.equals(w, expected)) {
                return op + " has weights " + Arrays.toString(w) + " where layer " + slot.name()
                        + " expects " + (slot.depthwise() ? "DEPTHWISE_CONV_2D " : "CONV_2D ") + Arrays.toString(expected);
            }
            String options = optionsMismatch(op, slot);
            if (options != null) {
                return op + " " + options + " for layer " + slot.name();
            }
        }
        return null;
    }

    private static String optionsMismatch(TfliteOperator op, ConvSlot slot) {
        Padding padding;
        int strideW;
        int strideH;
        Activation activation;
        if (op.options() instanceof OperatorOptions.Conv2D c) {
            padding = c.padding();
            strideW = c.strideW();
            strideH = c.strideH();
            activation = c.activation();
            if (c.dilationW() != 1 || c.dilationH() != 1) {
                return "is dilated";
            }
        } else if (op.options() instanceof OperatorOptions.DepthwiseConv2D d) {
            padding = d.padding();
            strideW = d.strideW();
            strideH = d.strideH();
            activation = d.activation();
            if (d.depthMultiplier() != 1 || d.dilationW() != 1 || d.dilationH() != 1) {
                return "has depth multiplier " + d.depthMultiplier() + " or dilation";
            }
        } else {
            return "has no convolution options";
        }
        if (strideW != slot.stride() || strideH != slot.stride()) {
            return "has stride " + strideW + "x" + strideH + " where " + slot.stride() + " is expected";
        }
        if (slot.kernel() > 1 && padding != Padding.SAME) {
            return "uses " + padding + " padding where SAME is expected";
        }
        Activation expected = slot.relu6() ? Activation.RELU6 : Activation.NONE;
        if (activation != expected) {
            return "has fused activation " + activation + " where " + expected + " is expected";
        }
        return null;
    }

    private static void checkGlobalPool(TfliteModel model, TfliteSubgraph graph, TfliteOperator pool) {
        if (pool.options() instanceof OperatorOptions.Pool2D p) {
            TfliteTensor in = graph.tensor(pool.input(0));
            if (p.filterHeight() != in.dim(1) || p.filterWidth() != in.dim(2)) {
                throw notMobileNet(model, pool + " pools " + p.filterHeight() + "x" + p.filterWidth()
                        + " over a " + in.dim(1) + "x" + in.dim(2) + " map, which is not a global average");
            }
        }
    }

    /** The classifier after the pooling: a 1x1 CONV_2D or FULLY_CONNECTED on the pooled feature, or null. */
    private static TfliteOperator logits(TfliteModel model, TfliteSubgraph graph, int pool, int features) {
        TfliteOperator found = null;
        for (TfliteOperator op : graph.operators().subList(pool + 1, graph.operators().size())) {
            int code = op.builtinCode();
            if (code != BuiltinOperators.CONV_2D && code != BuiltinOperators.FULLY_CONNECTED) {
                continue;
            }
            int[] w = graph.tensor(op.input(1)).shape();
            boolean fits = code == BuiltinOperators.CONV_2D
                    ? w.length == 4 && w[1] == 1 && w[2] == 1 && w[3] == features
                    : w.length == 2 && w[1] == features;
            if (found != null || !fits) {
                throw notMobileNet(model, op + " with weights " + Arrays.toString(w)
                        + " is not a single classifier on the " + features + "-channel pooled feature");
            }
            found = op;
        }
        return found;
    }

    private static SignDigitsException notMobileNet(TfliteModel model, String why) {
        return new SignDigitsException(model.source() + " is not a MobileNet v1/v2 graph signdigits can import: "
                + why + "; use one of the ImageNet MobileNet .tflite files (see ../shared/pretrained).");
    }

    /**
     * What a TFLite input tensor expects, in pixel units: for uint8 input the runtime computes
     * {@code scale * (pixel - zeroPoint)}, so mean = zeroPoint and std = 1/scale; int8 input is the
     * pixel minus 128. Float inputs carry no such record; MobileNets then expect [-1, 1].
     */
    static Preprocessing preprocessingOf(TfliteTensor input) {
        Quantization q = input.quantization();
        if (input.type() == TensorType.FLOAT32 || !q.isQuantized()) {
            return Preprocessing.MINUS_ONE_TO_ONE;
        }
        float offset = input.type() == TensorType.INT8 ? 128f : 0f;
        return new Preprocessing("RGB", "NCHW", offset + q.zeroPoint(0), 1f / q.scale(0));
    }
}
