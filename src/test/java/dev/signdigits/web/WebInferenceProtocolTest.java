package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The KServe Open Inference Protocol v2 routes, valid and invalid requests, once per runtime serving the real model. */
@Tag("slow")
@ClassTemplate
class WebInferenceProtocolTest {
    private static final String INFER = "/v2/models/signdigits/infer";

    /** The real server, and a second one whose runtime takes images only. */
    @RegisterExtension
    static final RuntimeServers servers = RuntimeServers.serving(b -> b.maxRequestBytes(4 * 1024 * 1024))
            .and(b -> b, served -> dir -> new ImageOnly(served.loader().load(dir)));
    final ServedModel served = servers.served();
    final TestServer server = servers.server();
    final TestServer imageOnly = servers.server(1);
    final Http http = servers.http();
    final int S = served.inputSize();
    final String version = served.modelId();

    /** A runtime that takes images only, as a future runtime may. */
    record ImageOnly(DigitClassifier inner) implements DigitClassifier {
        public ModelInfo info() {
            return inner.info();
        }

        public List<float[]> classify(List<BufferedImage> images) {
            return inner.classify(images);
        }

        public void close() {
            inner.close();
        }
    }

    @Test
    void healthAndReadiness() {
        assertThat(http.get("/v2/health/live").json().get("live").asBoolean()).isTrue();
        Http.Response ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(http.get("/v2/models/signdigits/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/signdigits/versions/" + version + "/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2").json().get("name").asText()).isEqualTo("signdigits");
    }

    @Test
    void metadataDescribesInputsAndOutputs() {
        JsonNode meta = http.get("/v2/models/signdigits").json();

        assertThat(meta.get("name").asText()).isEqualTo("signdigits");
        assertThat(meta.get("versions").get(0).asText()).isEqualTo(version);
        assertThat(meta.get("platform").asText()).isEqualTo("signdigits-" + served.runtime());
        assertThat(meta.get("inputs").toString()).isEqualTo(
                "[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,3," + S + "," + S + "]},"
                        + "{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(meta.get("outputs").toString()).isEqualTo(
                "[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,10]},"
                        + "{\"name\":\"digit\",\"datatype\":\"INT64\",\"shape\":[-1]}]");
        assertThat(http.get("/v2/models/signdigits/versions/" + version).json()).isEqualTo(meta);

        JsonNode imageOnlyMeta = imageOnly.http.get("/v2/models/signdigits").json();
        assertThat(imageOnlyMeta.get("inputs")).hasSize(1);
        assertThat(imageOnlyMeta.get("inputs").get(0).get("datatype").asText()).isEqualTo("BYTES");
    }

    @Test
    void unknownModelOrVersionIs404() {
        for (Http.Response response : List.of(http.get("/v2/models/resnet"), http.get("/v2/models/signdigits/versions/old"),
                http.get("/v2/models/resnet/ready"), http.postJson("/v2/models/resnet/infer", bytesRequest(3)),
                http.postJson("/v2/models/signdigits/versions/old/infer", bytesRequest(3)))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.error()).containsAnyOf("Unknown model", "Unknown version");
        }
    }

    @Test
    void bytesInputClassifiesEncodedImagesAndEchoesTheId() {
        ObjectNode request = Http.JSON.createObjectNode().put("id", "req-42");
        ObjectNode input = request.putArray("inputs").addObject().put("name", "image_bytes").put("datatype", "BYTES");
        input.putArray("shape").add(3);
        ArrayNode data = input.putArray("data");
        for (int digit : new int[] {1, 6, 8}) {
            data.add(Base64.getEncoder().encodeToString(TestModels.bytes(served.photo(digit))));
        }

        Http.Response response = http.postJson(INFER, request.toString());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("id").asText()).isEqualTo("req-42");
        assertThat(json.get("model_name").asText()).isEqualTo("signdigits");
        assertThat(json.get("model_version").asText()).isEqualTo(version);
        JsonNode probabilities = json.get("outputs").get(0);
        assertThat(probabilities.get("name").asText()).isEqualTo("probabilities");
        assertThat(probabilities.get("shape").toString()).isEqualTo("[3,10]");
        assertThat(probabilities.get("data")).hasSize(30);
        JsonNode digits = json.get("outputs").get(1);
        assertThat(digits.get("name").asText()).isEqualTo("digit");
        assertThat(digits.get("data").toString()).isEqualTo("[1,6,8]");
    }

    @Test
    void outputsCanBeChosen() {
        String request = bytesRequest(4).replace("\"inputs\"", "\"outputs\":[{\"name\":\"digit\"}],\"inputs\"");
        JsonNode json = http.postJson(INFER, request).json();
        assertThat(json.get("outputs")).hasSize(1);
        assertThat(json.get("outputs").get(0).get("data").toString()).isEqualTo("[4]");
        assertThat(json.has("id")).isFalse();
    }

    @Test
    void fp32TensorFlatOrNestedGivesTheSameAnswer() {
        float[] two = served.tensor(decode(served.photo(2)));
        float[] five = served.tensor(decode(served.photo(5)));
        float[] both = new float[two.length * 2];
        System.arraycopy(two, 0, both, 0, two.length);
        System.arraycopy(five, 0, both, two.length, five.length);

        Http.Response flat = http.postJson(INFER, fp32Request(2, both, false));
        Http.Response nested = http.postJson(INFER, fp32Request(2, both, true));

        assertThat(flat.status()).as(flat.text()).isEqualTo(200);
        assertThat(flat.json().get("outputs").get(1).get("data").toString()).isEqualTo("[2,5]");
        assertThat(nested.json().get("outputs")).isEqualTo(flat.json().get("outputs"));
    }

    @Test
    void bytesAndFp32InputOfOnePhotoGiveTheSameProbabilities() {
        Path photo = served.photo(7);
        Http.Response viaBytes = http.postJson(INFER, bytesRequest(photo));
        Http.Response viaTensor = http.postJson(INFER, fp32Request(1, served.tensor(decode(photo)), false));

        assertThat(viaTensor.status()).as(viaTensor.text()).isEqualTo(200);
        JsonNode expected = viaBytes.json().get("outputs").get(0).get("data");
        JsonNode actual = viaTensor.json().get("outputs").get(0).get("data");
        for (int i = 0; i < 10; i++) {
            assertThat(actual.get(i).asDouble()).as("probability of " + i).isCloseTo(expected.get(i).asDouble(), within(1e-5));
        }
        assertThat(viaTensor.json().get("outputs").get(1).get("data").toString()).isEqualTo("[7]");
    }

    @Test
    void fp32OnAnImageOnlyRuntimeIs400() {
        float[] tensor = served.tensor(decode(served.photo(2)));
        Http.Response response = imageOnly.http.postJson(INFER, fp32Request(1, tensor, false));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).contains("FP32 tensor input is unsupported for this runtime");
        assertThat(imageOnly.http.postJson(INFER, bytesRequest(2)).status()).isEqualTo(200);
    }

    @Test
    void malformedTensorsAre400WithAReason() {
        float[] one = new float[3 * S * S];
        String good = fp32Request(1, one, false);
        List<String[]> cases = List.of(
                new String[] {good.replace("\"shape\":[1,3," + S + "," + S + "]", "\"shape\":[2,3," + S + "," + S + "]"), "does not match its shape"},
                new String[] {good.replace("\"shape\":[1,3," + S, "\"shape\":[1,1," + S), "must have shape"},
                new String[] {good.replace("\"FP32\"", "\"INT8\""), "must be FP32"},
                new String[] {good.replace("[0.0,", "[NaN,"), "not valid JSON"},
                new String[] {good.replace("[0.0,", "[Infinity,"), "not valid JSON"},
                new String[] {good.replace("[0.0,", "[1e39,"), "not a finite float32"},
                new String[] {good.replace("[0.0,", "[\"0.5\","), "non-number"},
                new String[] {good.replace("[0.0,", "[[0.0],"), "does not match its shape"},
                new String[] {good.replace("\"name\":\"input\"", "\"name\":\"pixels\""), "Unknown input"},
                new String[] {good.replace("\"shape\":[1,3,", "\"shape\":[0,3,"), "batch dimension"},
                new String[] {"{\"inputs\":[]}", "exactly one tensor"},
                new String[] {"[1,2,3]", "JSON object"},
                new String[] {"{\"inputs\": [", "not valid JSON"},
                new String[] {"", "empty"},
                new String[] {"{\"id\": 7, \"inputs\":[]}", "'id' must be a string"},
                new String[] {"[".repeat(100) + "]".repeat(100), "nested too deeply"},
                new String[] {bytesRequest(1).replace("\"inputs\"", "\"outputs\":[{\"name\":\"logits\"}],\"inputs\""), "Unknown output"},
                new String[] {bytesRequest(1).replace("\"datatype\":\"BYTES\"", "\"datatype\":\"BYTES\",\"parameters\":{\"binary_data_size\":10}"), "binary tensor extension"},
                new String[] {"{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"%%%not base64\"]}]}", "not valid base64"},
                new String[] {"{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[12]}]}", "not a string"},
                new String[] {"{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\""
                        + Base64.getEncoder().encodeToString(BadImages.random(300, 3)) + "\"]}]}", "Element 0 of 'image_bytes'"});
        for (String[] c : cases) {
            Http.Response response = http.postJson(INFER, c[0]);
            assertThat(response.status()).as(c[1] + ": " + response.text()).isEqualTo(400);
            assertThat(response.error()).as(c[1]).contains(c[1]);
        }
    }

    @Test
    void deeplyNestedDataIs400NotAStackOverflow() {
        String nested = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,3," + S + "," + S + "],\"data\":"
                + "[".repeat(5000) + "1" + "]".repeat(5000) + "}]}";
        Http.Response response = http.postJson(INFER, nested);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).contains("nested too deeply");
    }

    @Test
    void unsupportedImageInBytesIs415AndOversizedBodyIs413() {
        String heic = "{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\""
                + Base64.getEncoder().encodeToString(BadImages.heicHeader()) + "\"]}]}";
        Http.Response unsupported = http.postJson(INFER, heic);
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.error()).contains("Element 0 of 'image_bytes'").contains("HEIC");

        // refused by the declared size alone, before any body arrives
        assertThat(http.declaredOnly(INFER, "application/json", 5 * 1024 * 1024).status()).isEqualTo(413);
    }

    private static BufferedImage decode(Path photo) {
        return new ProjectImageDecoder(50_000_000).decode(TestModels.bytes(photo), photo.toString());
    }

    private String bytesRequest(int digit) {
        return bytesRequest(served.photo(digit));
    }

    static String bytesRequest(Path photo) {
        return "{\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\""
                + Base64.getEncoder().encodeToString(TestModels.bytes(photo)) + "\"]}]}";
    }

    private String fp32Request(int n, float[] data, boolean nested) {
        StringBuilder json = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[")
                .append(n).append(",3,").append(S).append(',').append(S).append("],\"data\":");
        if (!nested) {
            json.append('[');
            for (int i = 0; i < data.length; i++) {
                json.append(i == 0 ? "" : ",").append(data[i]);
            }
            json.append(']');
        } else {
            int i = 0;
            json.append('[');
            for (int b = 0; b < n; b++) {
                json.append(b == 0 ? "[" : ",[");
                for (int c = 0; c < 3; c++) {
                    json.append(c == 0 ? "[" : ",[");
                    for (int y = 0; y < S; y++) {
                        json.append(y == 0 ? "[" : ",[");
                        for (int x = 0; x < S; x++) {
                            json.append(x == 0 ? "" : ",").append(data[i++]);
                        }
                        json.append(']');
                    }
                    json.append(']');
                }
                json.append(']');
            }
            json.append(']');
        }
        return json.append("}]}").toString();
    }
}
