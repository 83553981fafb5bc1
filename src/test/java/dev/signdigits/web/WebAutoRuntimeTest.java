package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.export.Int8Accuracy;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s default, {@code --runtime auto}, on a directory as {@code train} leaves it: int8
 * when train's own measurement of it is within the bound, else the float32 TFLite export; the KServe
 * metadata and the model card say which runtime serves and why.
 */
@Tag("slow")
class WebAutoRuntimeTest {
    @TempDir
    Path root;

    @Test
    void servesTheRuntimeTrainsMeasurementAllowsAndSaysWhich() {
        Int8Accuracy recorded = Int8Accuracy.fromProvenance(FinetunedModel.readMetadata(RuntimeModel.exports()).provenance())
                .orElseThrow(() -> new AssertionError("train recorded no int8 accuracy"));
        String expected = recorded.meetsBound() ? "tflite-int8" : "tflite";

        try (TestServer server = TestServer.start(root, b -> b, RuntimeModel.of("auto"))) {
            assertThat(server.http.get("/v2/models/signdigits").json().get("platform").asText())
                    .isEqualTo("signdigits-" + expected);
            String card = server.http.get("/model").text();
            assertThat(card).contains("<dd>" + expected + "</dd>").contains("runtime_selection")
                    .contains("auto: " + expected);
            if (recorded.meetsBound()) {
                assertThat(card).contains(String.format(java.util.Locale.ROOT, "int8 %.2f%%", 100 * recorded.int8Accuracy()));
            }
            Http.Response prediction = server.http.post("/api/v1/predict",
                    TestModels.bytes(RuntimeModel.of(expected).photo(4)), "image/jpeg");
            assertThat(prediction.status()).isEqualTo(200);
            assertThat(prediction.json().get("digit").asInt()).isEqualTo(4);
        }
    }
}
