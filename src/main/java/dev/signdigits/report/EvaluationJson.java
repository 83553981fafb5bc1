package dev.signdigits.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signdigits.SignDigitsException;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation as JSON for machines ({@code evaluation.json}): a {@code meta} object first (run id,
 * model, dataset, whatever the caller passes), then every field of {@link Evaluation} in snake_case,
 * e.g. {@code accuracy}, {@code top2_accuracy}, {@code per_class[].f1}, {@code confusion_matrix.counts}.
 * Field names are part of the contract: tests pin them. Every number is finite, so the file is strict JSON.
 */
public final class EvaluationJson {
    public static final String FILE_NAME = "evaluation.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // files written by a newer version with extra fields still load
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** An evaluation read back, with the meta map it was written with. */
    public record Document(Map<String, Object> meta, Evaluation evaluation) {}

    private EvaluationJson() {}

    public static String toJson(Evaluation evaluation, Map<String, ?> meta) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("meta", MAPPER.valueToTree(new LinkedHashMap<>(meta)));
        root.setAll((ObjectNode) MAPPER.valueToTree(evaluation));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of plain values always serializes
            throw new IllegalStateException(e);
        }
    }

    public static void write(Evaluation evaluation, Map<String, ?> meta, Path file) {
        AtomicFiles.writeString(file, toJson(evaluation, meta));
    }

    public static Document read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SignDigitsException("Could not read evaluation file " + file + " (" + e.getMessage()
                    + "); check the path, or rerun the evaluation to recreate it.", e);
        } catch (IllegalArgumentException e) {
            throw new SignDigitsException("Evaluation file " + file + " is not a signdigits evaluation ("
                    + e.getMessage() + "); rerun the evaluation to recreate it.", e);
        }
    }

    /** @throws IllegalArgumentException if {@code json} is not an evaluation document */
    public static Document parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject() || !root.has("confusion_matrix")) {
                throw new IllegalArgumentException("no confusion_matrix field");
            }
            ObjectNode fields = ((ObjectNode) root).deepCopy();
            JsonNode meta = fields.remove("meta");
            Map<String, Object> metaMap = meta == null ? Map.of()
                    : MAPPER.convertValue(meta, new TypeReference<LinkedHashMap<String, Object>>() {});
            return new Document(metaMap, MAPPER.treeToValue(fields, Evaluation.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
