package dev.signdigits.data.hands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signdigits.hand.Box;
import dev.signdigits.hand.HandPath;
import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.Handedness;
import dev.signdigits.hand.Landmark;
import dev.signdigits.hand.RotatedRect;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HandResult} as JSON and back, exactly: every double is written in its shortest form that
 * reads back to the same bits (NaN and infinities as strings), so a cached answer equals the one
 * the locator gave.
 */
final class HandResultJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HandResultJson() {}

    static ObjectNode write(HandResult result) {
        ObjectNode node = NODES.objectNode();
        if (result instanceof HandResult.Found hand) {
            node.put("found", true);
            put(node, "detector_score", hand.detectorScore());
            put(node, "presence", hand.presence());
            RotatedRect r = hand.region();
            node.set("region", numbers(r.centerX(), r.centerY(), r.width(), r.height(), r.rotation()));
            Box b = hand.box();
            node.set("box", numbers(b.x(), b.y(), b.w(), b.h()));
            ArrayNode landmarks = node.putArray("landmarks");
            hand.landmarks().forEach(l -> landmarks.add(numbers(l.x(), l.y(), l.z())));
            node.put("handedness", hand.handedness().name());
            put(node, "handedness_score", hand.handednessScore());
            node.put("path", hand.path().name());
        } else {
            HandResult.NoHand none = (HandResult.NoHand) result;
            node.put("found", false);
            node.put("reason", none.reason());
            put(node, "best_detector_score", none.bestDetectorScore());
            put(node, "best_presence", none.bestPresence());
        }
        return node;
    }

    /** Reads what {@link #write} wrote; a malformed node is an {@link IllegalArgumentException}. */
    static HandResult read(JsonNode node) {
        if (!node.path("found").isBoolean()) {
            throw new IllegalArgumentException("not a hand result: " + node);
        }
        if (!node.get("found").booleanValue()) {
            return new HandResult.NoHand(text(node, "reason"), number(node.get("best_detector_score")),
                    number(node.get("best_presence")));
        }
        double[] r = numbers(node.get("region"), 5);
        double[] b = numbers(node.get("box"), 4);
        List<Landmark> landmarks = new ArrayList<>();
        for (JsonNode l : required(node, "landmarks")) {
            double[] xyz = numbers(l, 3);
            landmarks.add(new Landmark(xyz[0], xyz[1], xyz[2]));
        }
        return new HandResult.Found(number(node.get("detector_score")), number(node.get("presence")),
                new RotatedRect(r[0], r[1], r[2], r[3], r[4]), new Box(b[0], b[1], b[2], b[3]), landmarks,
                Handedness.valueOf(text(node, "handedness")), number(node.get("handedness_score")),
                HandPath.valueOf(text(node, "path")));
    }

    private static void put(ObjectNode node, String name, double value) {
        node.set(name, number(value));
    }

    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
    }

    private static ArrayNode numbers(double... values) {
        ArrayNode array = NODES.arrayNode();
        for (double v : values) {
            array.add(number(v));
        }
        return array;
    }

    private static double number(JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        if (node != null && node.isTextual()) {
            return Double.parseDouble(node.textValue()); // NaN, Infinity, -Infinity
        }
        throw new IllegalArgumentException("not a number: " + node);
    }

    private static double[] numbers(JsonNode node, int count) {
        if (node == null || !node.isArray() || node.size() != count) {
            throw new IllegalArgumentException("expected " + count + " numbers, got " + node);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(node.get(i));
        }
        return out;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " is not text: " + value);
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
