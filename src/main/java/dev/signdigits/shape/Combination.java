package dev.signdigits.shape;

import dev.signdigits.SignDigitsException;
import dev.signdigits.hand.HandResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a model turns the image network's probabilities into its answer: with a hand found and a
 * hand-shape network trained, a weighted product of the two models' probabilities,
 * {@code p ∝ exp((log p_image + w · log p_shape) / T)}; otherwise {@code p ∝ p_image^(1/T)}.
 * The temperature {@code T} calibrates the result (chosen on the validation split, see
 * {@link CombinationFit}) so that "90% sure" is right about 90% of the time; it never changes
 * which digit comes first.
 *
 * @param network     the hand-shape network, or null (a model trained without the hand locator, or before it existed)
 * @param shapeWeight how much the shape counts against the image (0: not at all)
 * @param temperature above 1 softens, below 1 sharpens
 */
public record Combination(ShapeNetwork network, double shapeWeight, double temperature) {
    public static final String NETWORK_PROPERTY = "hand_shape_network";
    public static final String WEIGHT_PROPERTY = "hand_shape_weight";
    public static final String TEMPERATURE_PROPERTY = "temperature";
    /** Every property a combination is recorded in: exports carry them. */
    public static final java.util.List<String> KEYS = java.util.List.of(TEMPERATURE_PROPERTY, WEIGHT_PROPERTY,
            NETWORK_PROPERTY);

    /** The image model's probabilities as they are (models trained before calibration). */
    public static final Combination IDENTITY = new Combination(null, 0, 1);

    public Combination {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        if (!(shapeWeight >= 0) || Double.isInfinite(shapeWeight)) {
            throw new IllegalArgumentException("hand-shape weight must be zero or more, got " + shapeWeight);
        }
    }

    /** Whether a found hand's shape takes part. */
    public boolean usesShape() {
        return network != null && shapeWeight > 0;
    }

    /** The answer for one photo: the image network's probabilities and what the locator said (may be null). */
    public float[] apply(float[] image, HandResult hand) {
        float[] shape = usesShape() && hand instanceof HandResult.Found found ? shape(found) : null;
        return combine(image, shape);
    }

    /** The hand-shape network's own probabilities, or null without a network. */
    public float[] shape(HandResult.Found hand) {
        return network == null ? null : network.probabilities(HandShape.features(hand));
    }

    /** The combined, calibrated probabilities; {@code shape} null: the image's alone. */
    public float[] combine(float[] image, float[] shape) {
        return combine(image, shape, shapeWeight, temperature);
    }

    static float[] combine(float[] image, float[] shape, double weight, double temperature) {
        float[] z = new float[image.length];
        for (int k = 0; k < image.length; k++) {
            double logit = Softmax.log(image[k]);
            if (shape != null && weight > 0) {
                logit += weight * Softmax.log(shape[k]);
            }
            z[k] = (float) (logit / temperature);
        }
        return Softmax.of(z);
    }

    /** The model properties that record this combination (model.json, export metadata). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(TEMPERATURE_PROPERTY, String.format(Locale.ROOT, "%.4f", temperature));
        if (network != null) {
            p.put(WEIGHT_PROPERTY, String.format(Locale.ROOT, "%.3f", shapeWeight));
            p.put(NETWORK_PROPERTY, network.toProperty());
        }
        return p;
    }

    /** The combination a model's properties record; {@link #IDENTITY} for a model that records none. */
    public static Combination forModel(Map<String, String> properties, String source) {
        try {
            double t = Double.parseDouble(properties.getOrDefault(TEMPERATURE_PROPERTY, "1"));
            String net = properties.get(NETWORK_PROPERTY);
            if (net == null) {
                return new Combination(null, 0, t);
            }
            return new Combination(ShapeNetwork.fromProperty(net),
                    Double.parseDouble(properties.getOrDefault(WEIGHT_PROPERTY, "1")), t);
        } catch (IllegalArgumentException e) {
            throw new SignDigitsException(source + " records a damaged hand-shape network or calibration (" + e.getMessage()
                    + "); export or train the model again.");
        }
    }
}
