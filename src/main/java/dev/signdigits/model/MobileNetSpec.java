package dev.signdigits.model;

import ai.djl.ndarray.types.Shape;
import dev.signdigits.SignDigitsException;
import java.util.List;

/**
 * Which MobileNet: architecture id, width multiplier and square input edge in pixels. Everything
 * else (channel counts, layer names) follows from these three through the factory.
 */
public record MobileNetSpec(String architecture, float width, int inputSize) {
    public static final String V1 = "mobilenet_v1";
    public static final String V2 = "mobilenet_v2";
    public static final List<String> ARCHITECTURES = List.of(V1, V2);
    public static final List<Float> WIDTHS = List.of(0.25f, 0.5f, 0.75f, 1.0f);
    public static final int MIN_INPUT = 32;
    public static final int MAX_INPUT = 1024;

    public MobileNetSpec {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new SignDigitsException("Unknown architecture '" + architecture + "'; use one of " + ARCHITECTURES + ".");
        }
        if (!WIDTHS.contains(width)) {
            throw new SignDigitsException("Unsupported MobileNet width " + width + "; use one of " + WIDTHS + ".");
        }
        if (inputSize < MIN_INPUT || inputSize > MAX_INPUT) {
            throw new SignDigitsException("Unsupported input size " + inputSize + "; use " + MIN_INPUT + " to "
                    + MAX_INPUT + " pixels (ImageNet weights were trained at 128, 160, 192 or 224).");
        }
    }

    /** The default backbone: MobileNet v1, width 1.0, 224x224. */
    public static MobileNetSpec defaultV1() {
        return new MobileNetSpec(V1, 1.0f, 224);
    }

    public MobileNetSpec withInputSize(int size) {
        return new MobileNetSpec(architecture, width, size);
    }

    /** Channels of the backbone's last layer, i.e. the pooled feature length. */
    public int featureChannels() {
        return V1.equals(architecture) ? MobileNetV1.channels(1024, width) : MobileNetV2.lastChannels(width);
    }

    /** NCHW input shape for {@code batch} RGB images. */
    public Shape inputShape(int batch) {
        return new Shape(batch, 3, inputSize, inputSize);
    }

    /** E.g. "mobilenet_v1_1.0_224", as the TFLite files are named. */
    public String id() {
        return architecture + "_" + Float.toString(width) + "_" + inputSize;
    }
}
