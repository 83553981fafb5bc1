package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metrics, the OpenAPI document, the HTML pages, static files, security headers and the API key,
 * once per runtime serving the real model.
 */
@Tag("slow")
@ClassTemplate
class WebOperationsTest {
    private static final String KEY = "s3cret-key";
    @RegisterExtension
    static final RuntimeServers servers = RuntimeServers.serving(b -> b.apiKey(KEY));
    final ServedModel served = servers.served();
    final TestServer server = servers.server();
    final Http http = servers.http();

    private Http.Response predict(int digit) {
        return http.post("/api/v1/predict", TestModels.bytes(served.photo(digit)), "image/jpeg", "X-API-Key", KEY);
    }

    @Test
    void apiKeyGuardsApiInferAndAdminButNotPagesOrHealth() {
        byte[] photo = TestModels.bytes(served.photo(3));
        Http.Response missing = http.post("/api/v1/predict", photo, "image/jpeg");
        Http.Response wrong = http.post("/api/v1/predict", photo, "image/jpeg", "Authorization", "Bearer nope");
        Http.Response bearer = http.post("/api/v1/predict", photo, "image/jpeg", "Authorization", "Bearer " + KEY);
        Http.Response header = http.post("/api/v1/predict", photo, "image/jpeg", "X-API-Key", KEY);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).contains("needs an API key");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("wrong");
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(header.status()).isEqualTo(200);

        assertThat(http.postJson("/v2/models/signdigits/infer", WebInferenceProtocolTest.bytesRequest(served.photo(3))).status()).isEqualTo(401);
        assertThat(http.postJson("/v2/models/signdigits/versions/" + served.modelId() + "/infer", WebInferenceProtocolTest.bytesRequest(served.photo(3))).status())
                .isEqualTo(401);
        assertThat(http.postJson("/v2/models/signdigits/infer", WebInferenceProtocolTest.bytesRequest(served.photo(3)), "X-API-Key", KEY).status())
                .isEqualTo(200);
        assertThat(http.post("/admin/reload", new byte[0], null).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/predict/batch", new byte[0], null).status()).isEqualTo(401);

        for (String open : List.of("/", "/model", "/v2/health/ready", "/v2/models/signdigits", "/metrics", "/openapi.json")) {
            assertThat(http.get(open).status()).as(open).isEqualTo(200);
        }
    }

    @Test
    void pathVariantsCannotBypassTheApiKey() {
        byte[] photo = TestModels.bytes(served.photo(3));
        for (String path : List.of("/api/v1/predict/", "/api//v1/predict", "//api/v1/predict", "/API/v1/predict",
                "/%61pi/v1/predict", "/api/v1/./predict", "/static/../api/v1/predict", "/api/v1/predict;x=1",
                "/v2/models/signdigits/infer/", "/v2/models/signdigits/versions/" + served.modelId() + "/infer/", "/admin/reload/",
                "/%61dmin/reload")) {
            Http.Response response = http.post(path, photo, "image/jpeg");
            assertThat(response.status()).as(path + " " + response.text()).isIn(400, 401, 404, 405);
        }
    }

    @Test
    void metricsCoverRequestsPredictionsBatchesQueueModelAndJvm() {
        assertThat(predict(3).status()).isEqualTo(200);
        assertThat(predict(8).status()).isEqualTo(200);
        http.get("/no/such/route/" + System.nanoTime());

        Http.Response response = http.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        String metrics = response.text();
        assertThat(metrics)
                .containsPattern("signdigits_http_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/predict\",status=\"200\"} \\d")
                .contains("signdigits_http_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/predict\",status=\"200\",le=\"0.1\"}")
                .contains("route=\"unmatched\",status=\"404\"")
                .containsPattern("signdigits_predictions_total\\{digit=\"3\"} [1-9]")
                .containsPattern("signdigits_predictions_total\\{digit=\"8\"} [1-9]")
                .contains("signdigits_batch_size_images_bucket")
                .contains("signdigits_inference_seconds_count")
                .contains("signdigits_queue_depth")
                .containsPattern("signdigits_http_requests_active [1-9]")
                .containsPattern("signdigits_model_load_seconds \\d")
                .containsPattern("signdigits_model_reloads_total\\{result=\"success\"} 1")
                .contains("jvm_memory_used_bytes");
        assertThat(metrics).doesNotContain("/no/such/route");
    }

    @Test
    void openApiDocumentIsValidJsonAndDescribesEveryRoute() {
        JsonNode doc = http.get("/openapi.json").json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> paths = new ArrayList<>();
        Iterator<String> names = doc.get("paths").fieldNames();
        names.forEachRemaining(paths::add);
        assertThat(paths).contains("/api/v1/predict", "/api/v1/predict/batch", "/v2", "/v2/health/live", "/v2/health/ready",
                "/v2/models/{model}", "/v2/models/{model}/ready", "/v2/models/{model}/infer",
                "/v2/models/{model}/versions/{version}", "/v2/models/{model}/versions/{version}/ready",
                "/v2/models/{model}/versions/{version}/infer", "/admin/reload", "/metrics", "/openapi.json", "/",
                "/model", "/model/confusion-matrix.png");
        // every $ref points at something that exists
        String text = doc.toString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(text);
        while (refs.find()) {
            JsonNode target = doc;
            for (String part : refs.group(1).split("/")) {
                target = target.path(part);
            }
            assertThat(target.isMissingNode()).as(refs.group(1)).isFalse();
        }
    }

    @Test
    void indexPageIsAnAccessibleFormWithNoExternalAssets() {
        Http.Response page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String html = page.text();
        assertThat(html).contains("<html lang=\"en\">").contains("<label for=\"image-input\">")
                .contains("id=\"image-input\"").contains("<label for=\"api-key\">").contains("aria-live=\"polite\"")
                .contains("id=\"webcam-toggle\"").contains("/static/app.js").contains("data-label=\"9\"");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
        assertThat(http.get("/static/app.js").status()).isEqualTo(200);
        assertThat(http.get("/static/app.css").header("Content-Type")).startsWith("text/css");
    }

    @Test
    void modelCardShowsTheModelItsRuntimeAndAccuracy() {
        Http.Response page = http.get("/model");
        assertThat(page.status()).isEqualTo(200);
        String html = page.text();
        assertThat(html).contains(served.modelId()).contains("<dd>" + served.runtime() + "</dd>").contains("test_accuracy");
        assertThat(html).doesNotContain("confusion-matrix.png"); // the model directory has none
        assertThat(http.get("/model/confusion-matrix.png").status()).isEqualTo(404);
    }

    @Test
    void confusionMatrixIsServedFromTheFixedRouteWhenTheModelHasOne() throws Exception {
        Path dir = served.createModelDir(server.models, "run-cm");
        byte[] png = BadImages.png(BadImages.solid(40, 40, 0x2266AA));
        Files.write(dir.resolve("confusion.png"), png);
        server.point("run-cm");
        try {
            assertThat(http.post("/admin/reload", new byte[0], null, "X-API-Key", KEY).status()).isEqualTo(200);

            assertThat(http.get("/model").text()).contains("src=\"/model/confusion-matrix.png\"");
            Http.Response image = http.get("/model/confusion-matrix.png");
            assertThat(image.status()).isEqualTo(200);
            assertThat(image.header("Content-Type")).isEqualTo("image/png");
            assertThat(image.body()).isEqualTo(png);
        } finally {
            server.point("run-a");
            http.post("/admin/reload", new byte[0], null, "X-API-Key", KEY);
        }
    }
}
