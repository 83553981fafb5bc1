package dev.signdigits.web.routes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.web.ApiException;
import dev.signdigits.web.ClientText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a KServe v2 JSON inference request and refuses, with 400 and one sentence, anything that
 * does not match the model metadata: the wrong input name or datatype, a shape that does not fit
 * the data, data nested differently from its shape, non-numbers, NaN or values beyond float32.
 * Tensor data may be flat (row-major) or nested exactly as the shape says.
 */
final class InferRequestParser {
    static final String FP32_INPUT = "input";
    static final String BYTES_INPUT = "image_bytes";
    static final String PROBABILITIES = "probabilities";
    static final String DIGIT = "digit";
    /** Only for encoded images on a model trained with the hand locator. */
    static final String HAND_FOUND = "hand_found";
    static final String HAND_BOX = "hand_box";
    static final Set<String> OUTPUTS = Set.of(PROBABILITIES, DIGIT, HAND_FOUND, HAND_BOX);
    private static final int MAX_ID_LENGTH = 256;

    /** Deeper JSON is refused while parsing, before a tree is built for it. */
    private static final int MAX_NESTING = 16;

    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build());
    private final int maxImages;

    InferRequestParser(int maxImages) {
        this.maxImages = maxImages;
    }

    InferRequest parse(byte[] body, int inputSize) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw bad("The request body must be a JSON object with an 'inputs' array.");
        }
        Optional<String> id = id(root.get("id"));
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.size() != 1 || !inputs.get(0).isObject()) {
            throw bad("'inputs' must be an array with exactly one tensor: '" + FP32_INPUT + "' (FP32) or '"
                    + BYTES_INPUT + "' (BYTES).");
        }
        JsonNode tensor = inputs.get(0);
        JsonNode parameters = tensor.get("parameters");
        if (parameters != null && parameters.has("binary_data_size")) {
            throw bad("The binary tensor extension is not supported: send the data in JSON.");
        }
        String name = text(tensor, "name");
        String datatype = text(tensor, "datatype");
        long[] shape = shape(tensor.get("shape"));
        JsonNode data = tensor.get("data");
        if (data == null || !data.isArray()) {
            throw bad("Input '" + ClientText.quote(name) + "' needs a 'data' array.");
        }
        InferRequest.Input input = switch (name) {
            case FP32_INPUT -> fp32(datatype, shape, data, inputSize);
            case BYTES_INPUT -> encoded(datatype, shape, data);
            default -> throw bad("Unknown input " + ClientText.quote(name) + ": this model takes '" + FP32_INPUT
                    + "' (FP32) or '" + BYTES_INPUT + "' (BYTES).");
        };
        return new InferRequest(id, input, outputs(root.get("outputs")));
    }

    private JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw bad("The request body is empty: send a KServe v2 inference request in JSON.");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null) {
                throw bad("The request body is empty: send a KServe v2 inference request in JSON.");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw bad("The JSON is nested too deeply: nest tensor data at most as deep as its shape.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw bad("The request body is not valid JSON" + where + " (NaN and Infinity are not JSON numbers either).");
        } catch (IOException e) {
            throw bad("The request body could not be read as JSON.");
        }
    }

    private InferRequest.Input fp32(String datatype, long[] shape, JsonNode data, int size) {
        requireDatatype(FP32_INPUT, datatype, "FP32");
        if (shape.length != 4 || shape[1] != 3 || shape[2] != size || shape[3] != size) {
            throw bad("Input '" + FP32_INPUT + "' must have shape [N, 3, " + size + ", " + size + "], not "
                    + Arrays.toString(shape) + ".");
        }
        int n = imageCount(shape[0]);
        flatten(data, shape, node -> { }); // structure first: allocate only for data that is really there
        float[] values = new float[Math.toIntExact(n * 3L * size * size)];
        int[] next = {0};
        flatten(data, shape, node -> {
            if (!node.isNumber()) {
                throw bad("Input '" + FP32_INPUT + "' has a non-number at position " + next[0] + ": FP32 data holds numbers only.");
            }
            float value = node.floatValue();
            if (!Float.isFinite(value)) {
                throw bad("Input '" + FP32_INPUT + "' has a value at position " + next[0]
                        + " that is not a finite float32 (too large): send finite values.");
            }
            values[next[0]++] = value;
        });
        return new InferRequest.Fp32(values, n);
    }

    private InferRequest.Input encoded(String datatype, long[] shape, JsonNode data) {
        requireDatatype(BYTES_INPUT, datatype, "BYTES");
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw bad("Input '" + BYTES_INPUT + "' must have shape [N] (one encoded image per element), not "
                    + Arrays.toString(shape) + ".");
        }
        imageCount(shape[0]);
        List<byte[]> images = new ArrayList<>();
        flatten(data, shape, node -> {
            if (!node.isTextual()) {
                throw bad("Element " + images.size() + " of '" + BYTES_INPUT + "' is not a string: send each image base64-encoded.");
            }
            try {
                images.add(Base64.getDecoder().decode(node.textValue()));
            } catch (IllegalArgumentException e) {
                throw bad("Element " + images.size() + " of '" + BYTES_INPUT + "' is not valid base64: encode each image with base64.");
            }
        });
        return new InferRequest.Encoded(images);
    }

    /** Visits the leaves of {@code data} in row-major order, accepting it flat or nested exactly as {@code shape}. */
    private static void flatten(JsonNode data, long[] shape, Consumer<JsonNode> leaf) {
        long expected = 1;
        for (long d : shape) {
            expected *= d;
        }
        boolean flat = data.size() == expected;
        for (JsonNode child : data) {
            flat &= !child.isArray() && !child.isObject();
        }
        if (flat) {
            data.forEach(leaf);
            return;
        }
        nested(data, shape, 0, leaf);
    }

    private static void nested(JsonNode node, long[] shape, int dim, Consumer<JsonNode> leaf) {
        if (dim == shape.length) {
            if (node.isContainerNode()) {
                throw bad("The data is nested deeper than its shape " + Arrays.toString(shape)
                        + ": send it flat or nested exactly as the shape says.");
            }
            leaf.accept(node);
            return;
        }
        if (!node.isArray() || node.size() != shape[dim]) {
            throw bad("The data does not match its shape " + Arrays.toString(shape) + " (dimension " + dim
                    + " should have " + shape[dim] + " elements): send " + product(shape)
                    + " values, flat or nested as the shape says.");
        }
        for (JsonNode child : node) {
            nested(child, shape, dim + 1, leaf);
        }
    }

    private int imageCount(long n) {
        if (n < 1 || n > maxImages) {
            throw bad("The batch dimension must be 1 to " + maxImages + ", not " + n + ".");
        }
        return (int) n;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    private static long[] shape(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 8) {
            throw bad("Each input needs a 'shape': an array of 1 to 8 dimensions, e.g. [1, 3, 224, 224].");
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 0 || d.longValue() > 1_000_000) {
                throw bad("'shape' must hold whole numbers from 0 to 1000000.");
            }
            shape[i] = d.longValue();
        }
        return shape;
    }

    private static Set<String> outputs(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node == null) {
            return names;
        }
        if (!node.isArray()) {
            throw bad("'outputs' must be an array of {\"name\": ...} objects.");
        }
        for (JsonNode output : node) {
            String name = output.isObject() ? text(output, "name") : "";
            if (!OUTPUTS.contains(name)) {
                throw bad("Unknown output " + ClientText.quote(name) + ": the outputs are 'probabilities' and 'digit', and"
                        + " 'hand_found' and 'hand_box' for a model trained with the hand locator.");
            }
            names.add(name);
        }
        return names;
    }

    private static Optional<String> id(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.textValue().length() > MAX_ID_LENGTH) {
            throw bad("'id' must be a string of at most " + MAX_ID_LENGTH + " characters.");
        }
        return Optional.of(node.textValue());
    }

    private static void requireDatatype(String input, String datatype, String expected) {
        if (!expected.equals(datatype)) {
            throw bad("Input '" + input + "' has datatype " + ClientText.quote(datatype) + ": it must be " + expected + ".");
        }
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isTextual()) {
            throw bad("Each input and output needs a string '" + field + "'.");
        }
        return node.textValue();
    }

    private static ApiException bad(String message) {
        return ApiException.badRequest(message);
    }
}
