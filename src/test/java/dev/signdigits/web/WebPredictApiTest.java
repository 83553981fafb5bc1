package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/v1/predict and /api/v1/predict/batch with real photos, against the real server serving
 * the real fine-tuned model, once per runtime.
 */
@Tag("slow")
@ClassTemplate
class WebPredictApiTest {
    @RegisterExtension
    static final RuntimeServers servers = RuntimeServers.serving(b -> b);
    final TestServer server = servers.server();
    final ServedModel served = servers.served();

    @Test
    void multipartUploadOfEachDigitGetsThatDigit() {
        for (int digit = 0; digit <= 9; digit++) {
            Path photo = served.photo(digit);
            Http.Response response = server.http.multipart("/api/v1/predict",
                    new Http.Multipart().file("image", photo.getFileName().toString(), "image/jpeg", TestModels.bytes(photo)));

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.get("digit").asInt()).as(photo.toString()).isEqualTo(digit);
            assertThat(json.get("model").asText()).isEqualTo(served.modelId());
            assertThat(json.get("latency_ms").asDouble()).isPositive();
            assertThat(json.get("top_k")).hasSize(3);
            assertThat(json.get("top_k").get(0).get("digit").asInt()).isEqualTo(digit);
            assertThat(json.get("confidence").asDouble()).isEqualTo(json.get("top_k").get(0).get("probability").asDouble());
        }
    }

    @Test
    void rawBodyIsIdentifiedByItsBytesNotItsContentType() {
        byte[] photo = TestModels.bytes(served.photo(7));
        Http.Response asJpeg = server.http.post("/api/v1/predict", photo, "image/jpeg");
        Http.Response asText = server.http.post("/api/v1/predict", photo, "text/plain");
        Http.Response untyped = server.http.post("/api/v1/predict", photo, null);

        for (Http.Response response : List.of(asJpeg, asText, untyped)) {
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().get("digit").asInt()).isEqualTo(7);
        }
    }

    @Test
    void topKListsDigitsMostProbableFirstAndAllTenSumToOne() {
        Http.Response response = server.http.post("/api/v1/predict?top_k=10", TestModels.bytes(served.photo(5)), "image/jpeg");

        JsonNode topK = response.json().get("top_k");
        assertThat(topK).hasSize(10);
        double sum = 0;
        double previous = 1;
        List<Integer> digits = new ArrayList<>();
        for (JsonNode ranked : topK) {
            double p = ranked.get("probability").asDouble();
            assertThat(p).isBetween(0.0, previous);
            previous = p;
            sum += p;
            digits.add(ranked.get("digit").asInt());
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(served.probabilitySumTolerance()));
        assertThat(digits).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void badTopKIs400() {
        byte[] photo = TestModels.bytes(served.photo(1));
        for (String bad : List.of("0", "-3", "abc", "99999999999")) {
            Http.Response response = server.http.post("/api/v1/predict?top_k=" + bad, photo, "image/jpeg");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.error()).contains("top_k");
        }
    }

    @Test
    void batchAnswersEveryImageInOrderWithPerImageErrors() {
        Http.Multipart form = new Http.Multipart()
                .file("images", "two.jpg", "image/jpeg", TestModels.bytes(served.photo(2)))
                .file("images", "broken.jpg", "image/jpeg", BadImages.truncated(TestModels.bytes(served.photo(4)), 0.5))
                .file("images", "nine.jpg", "image/jpeg", TestModels.bytes(served.photo(9)))
                .file("images", "phone.heic", "image/heic", BadImages.heicHeader())
                .file("images", "empty.jpg", "image/jpeg", new byte[0]);

        Http.Response response = server.http.multipart("/api/v1/predict/batch", form);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("digit").asInt()).isEqualTo(2);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("error").asText()).contains("'broken.jpg'").contains("truncated");
        assertThat(results.get(2).get("digit").asInt()).isEqualTo(9);
        assertThat(results.get(3).get("status").asInt()).isEqualTo(415);
        assertThat(results.get(3).get("error").asText()).contains("HEIC").contains("JPEG, PNG, BMP or GIF");
        assertThat(results.get(4).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(4).get("error").asText()).contains("empty");
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
    }

    @Test
    void batchNeedsMultipartWithTheImagesField() {
        Http.Response raw = server.http.post("/api/v1/predict/batch", TestModels.bytes(served.photo(2)), "image/jpeg");
        assertThat(raw.status()).isEqualTo(415);
        assertThat(raw.error()).contains("multipart/form-data").contains("'images'");

        Http.Response wrongField = server.http.multipart("/api/v1/predict/batch",
                new Http.Multipart().file("image", "a.jpg", "image/jpeg", TestModels.bytes(served.photo(2))));
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.error()).contains("'images'");
    }

    @Test
    void tooManyImagesInOneBatchIs413() {
        Http.Multipart form = new Http.Multipart();
        byte[] tiny = BadImages.png(BadImages.solid(2, 2, 0x808080));
        for (int i = 0; i < dev.signdigits.web.routes.PredictRoutes.MAX_IMAGES_PER_REQUEST + 1; i++) {
            form.file("images", i + ".png", "image/png", tiny);
        }
        Http.Response response = server.http.multipart("/api/v1/predict/batch", form);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.error()).contains("65 images");
    }
}
