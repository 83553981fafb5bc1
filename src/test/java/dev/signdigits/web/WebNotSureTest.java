package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signdigits.predict.ConfidenceFloor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Not sure" over HTTP, on the real server with the stand-in model: {@code ?min_confidence=} per
 * request, the server's {@code --min-confidence} otherwise, the batch route, the KServe v2 digit
 * output, the metric, and a clear 400 for a bad floor.
 */
class WebNotSureTest {
    private static final String PREDICT = "/api/v1/predict";
    private static final String INFER = "/v2/models/signdigits/infer";

    @TempDir
    static Path root;
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(root);
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode predict(int digit, String query) {
        Http.Response response = http.post(PREDICT + query, TestModels.bytes(TestModels.photo(digit)), "image/jpeg");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    @Test
    void belowTheRequestsFloorThereIsNoDigitButTheBestGuessAndItsProbabilities() {
        JsonNode sure = predict(3, "?min_confidence=0");
        double confidence = sure.get("confidence").asDouble();
        assertThat(sure.get("digit").asInt()).isEqualTo(3);
        assertThat(sure.get("not_sure").asBoolean()).isFalse();
        assertThat(confidence).as("the stand-in is less than 99% sure of its own photos").isLessThan(0.99);

        JsonNode notSure = predict(3, "?min_confidence=0.99&top_k=4");

        assertThat(notSure.has("digit")).isTrue();
        assertThat(notSure.get("digit").isNull()).as(notSure.toString()).isTrue();
        assertThat(notSure.get("not_sure").asBoolean()).isTrue();
        assertThat(notSure.get("best_guess").asInt()).isEqualTo(3);
        assertThat(notSure.get("confidence").asDouble()).isEqualTo(confidence);
        assertThat(notSure.get("top_k")).hasSize(4);
        assertThat(notSure.get("top_k").get(0).get("digit").asInt()).isEqualTo(3);
        assertThat(notSure.get("top_k").get(0).get("probability").asDouble()).isEqualTo(confidence);
        assertThat(notSure.get("model").asText()).isEqualTo(StandInModel.ID);
        assertThat(notSure.has("reason")).isFalse();

        String atTheFloor = String.format(Locale.ROOT, "?min_confidence=%s", confidence);
        assertThat(predict(3, atTheFloor).get("digit").asInt()).as("at the floor is sure").isEqualTo(3);
    }

    @Test
    void withoutTheParameterTheServersFloorApplies() {
        try (TestServer strict = TestServer.start(root.resolve("strict"), b -> b.minConfidence(0.99))) {
            Http.Response byDefault = strict.http.post(PREDICT, TestModels.bytes(TestModels.photo(5)), "image/jpeg");
            assertThat(byDefault.json().get("not_sure").asBoolean()).as(byDefault.text()).isTrue();
            assertThat(byDefault.json().get("best_guess").asInt()).isEqualTo(5);

            Http.Response off = strict.http.post(PREDICT + "?min_confidence=0", TestModels.bytes(TestModels.photo(5)),
                    "image/jpeg");
            assertThat(off.json().get("digit").asInt()).isEqualTo(5);
        }
        assertThat(server.app.port()).isPositive();
    }

    @Test
    void theServersFloorDefaultsToTheOneConstantAndIsChecked() {
        assertThat(ServerConfig.builder().build().minConfidence().value()).isEqualTo(ConfidenceFloor.DEFAULT_MIN_CONFIDENCE);
        assertThatThrownBy(() -> ServerConfig.builder().minConfidence(1).build())
                .isInstanceOf(dev.signdigits.SignDigitsException.class).hasMessageStartingWith("--min-confidence must be");
    }

    @Test
    void theBatchRouteMarksEachNotSurePhotoWithItsIndex() {
        // the stand-in's most and least confident photos, and a floor between them
        int surest = 0;
        int weakest = 0;
        double[] confidence = new double[10];
        for (int digit = 0; digit <= 9; digit++) {
            confidence[digit] = predict(digit, "?min_confidence=0").get("confidence").asDouble();
            surest = confidence[digit] > confidence[surest] ? digit : surest;
            weakest = confidence[digit] < confidence[weakest] ? digit : weakest;
        }
        assertThat(confidence[surest]).isGreaterThan(confidence[weakest]);
        double between = (confidence[surest] + confidence[weakest]) / 2;
        Http.Multipart form = new Http.Multipart()
                .file("images", "sure.jpg", "image/jpeg", TestModels.bytes(TestModels.photo(surest)))
                .file("images", "empty.jpg", "image/jpeg", new byte[0])
                .file("images", "weak.jpg", "image/jpeg", TestModels.bytes(TestModels.photo(weakest)));

        Http.Response response = http.multipart(PREDICT + "/batch?min_confidence=" + between, form);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("digit").asInt()).isEqualTo(surest);
        assertThat(results.get(0).get("not_sure").asBoolean()).isFalse();
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).has("not_sure")).as("an image that could not be read was never classified").isFalse();
        JsonNode notSure = results.get(2);
        assertThat(notSure.get("index").asInt()).isEqualTo(2);
        assertThat(notSure.get("digit").isNull()).as(notSure.toString()).isTrue();
        assertThat(notSure.get("not_sure").asBoolean()).isTrue();
        assertThat(notSure.get("best_guess").asInt()).isEqualTo(weakest);
        assertThat(notSure.get("confidence").asDouble()).isEqualTo(confidence[weakest]);
        assertThat(notSure.get("top_k").get(0).get("digit").asInt()).isEqualTo(weakest);
    }

    @Test
    void aFloorOutsideZeroToOneIs400NamingTheParameterAndValue() {
        byte[] photo = TestModels.bytes(TestModels.photo(1));
        for (String bad : List.of("2", "1", "-0.1", "abc", "", "NaN", "0x1p-1")) {
            Http.Response single = http.post(PREDICT + "?min_confidence=" + bad, photo, "image/jpeg");
            Http.Response batch = http.multipart(PREDICT + "/batch?min_confidence=" + bad,
                    new Http.Multipart().file("images", "one.jpg", "image/jpeg", photo));
            for (Http.Response response : List.of(single, batch)) {
                assertThat(response.status()).as(bad).isEqualTo(400);
                assertThat(response.error()).isEqualTo("Query parameter min_confidence must be a number from 0 (off) up to"
                        + " but not including 1, e.g. 0.5, not '" + bad + "'.");
            }
        }
    }

    @Test
    void kserveGivesDigitMinusOneForNotSureRowsAndKeepsTheirProbabilities() {
        try (TestServer strict = TestServer.start(root.resolve("kserve"), b -> b.minConfidence(0.99))) {
            Http.Response response = strict.http.postJson(INFER, bytesRequest(TestModels.photo(6)));

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode outputs = response.json().get("outputs");
            assertThat(outputs.get(1).get("name").asText()).isEqualTo("digit");
            assertThat(outputs.get(1).get("data").toString()).isEqualTo("[-1]");
            JsonNode probabilities = outputs.get(0).get("data");
            int best = 0;
            for (int i = 1; i < probabilities.size(); i++) {
                best = probabilities.get(i).asDouble() > probabilities.get(best).asDouble() ? i : best;
            }
            assertThat(best).as("the probabilities stay the model's").isEqualTo(6);
            assertThat(probabilities.get(6).asDouble()).isPositive().isLessThan(0.99);
        }
        Http.Response sure = http.postJson(INFER, bytesRequest(TestModels.photo(6)));
        assertThat(sure.json().get("outputs").get(1).get("data").toString()).as("no floor").isEqualTo("[6]");
    }

    @Test
    void notSureAnswersAreCounted() {
        double before = notSureCount();
        predict(4, "?min_confidence=0.99");
        predict(4, "?min_confidence=0");
        http.multipart(PREDICT + "/batch?min_confidence=0.99", new Http.Multipart()
                .file("images", "a.jpg", "image/jpeg", TestModels.bytes(TestModels.photo(7)))
                .file("images", "b.jpg", "image/jpeg", TestModels.bytes(TestModels.photo(8))));
        assertThat(notSureCount()).isEqualTo(before + 3);
    }

    private static double notSureCount() {
        Matcher m = Pattern.compile("(?m)^signdigits_predictions_not_sure_total ([0-9.]+)").matcher(http.get("/metrics").text());
        assertThat(m.find()).as("the counter is listed from the start").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String bytesRequest(Path photo) {
        return "{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\""
                + java.util.Base64.getEncoder().encodeToString(TestModels.bytes(photo)) + "\"]}]}";
    }
}
