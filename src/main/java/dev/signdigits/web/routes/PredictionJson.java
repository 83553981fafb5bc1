package dev.signdigits.web.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signdigits.web.Prediction;
import java.util.List;

/** The JSON shapes of /api/v1/predict and /api/v1/predict/batch. */
final class PredictionJson {
    private PredictionJson() {}

    record Ranked(int digit, double probability) {}

    record Single(int digit, double confidence, @JsonProperty("top_k") List<Ranked> topK, String model,
                  @JsonProperty("latency_ms") double latencyMs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(int index, Integer digit, Double confidence, @JsonProperty("top_k") List<Ranked> topK, String model,
                String error, Integer status) {

        static Item failed(int index, int status, String error) {
            return new Item(index, null, null, null, null, error, status);
        }
    }

    record Batch(List<Item> results, @JsonProperty("latency_ms") double latencyMs) {}

    static Single single(Prediction p, int topK, double latencyMs) {
        return new Single(p.digit(), round(p.confidence()), ranked(p, topK), p.modelId(), round(latencyMs));
    }

    static Item item(int index, Prediction p, int topK) {
        return new Item(index, p.digit(), round(p.confidence()), ranked(p, topK), p.modelId(), null, null);
    }

    private static List<Ranked> ranked(Prediction p, int topK) {
        return p.top(topK).stream().map(r -> new Ranked(p.digitOf(r.label()), round(r.probability()))).toList();
    }

    /** Six decimals: enough for probabilities and milliseconds, and no float noise in the JSON. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
