package dev.signdigits.web.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON shapes of the KServe Open Inference Protocol v2 responses. */
final class InferenceJson {
    private InferenceJson() {}

    record TensorMetadata(String name, String datatype, List<Long> shape) {}

    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {}

    record ServerMetadata(String name, String version, List<String> extensions) {}

    record Tensor(String name, String datatype, List<Long> shape, Object data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferResponse(@JsonProperty("model_name") String modelName, @JsonProperty("model_version") String modelVersion,
                         String id, List<Tensor> outputs) {}

    record Live(boolean live) {}

    record Ready(boolean ready) {}

    record ModelReady(String name, boolean ready) {}
}
