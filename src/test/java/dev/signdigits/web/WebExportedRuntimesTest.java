package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signdigits.data.ImageDecoder;
import dev.signdigits.model.export.ExportFormat;
import dev.signdigits.model.export.ExportRequest;
import dev.signdigits.model.export.ModelExporter;
import dev.signdigits.model.export.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.DjlDigitClassifier;
import dev.signdigits.predict.ImagePreprocessor;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code serve --runtime tflite|tflite-int8|onnx}: the service on an exported file of a real
 * fine-tuned model answers the REST and KServe v2 routes like the DJL model it came from, and
 * rejects bad input the same way.
 */
class WebExportedRuntimesTest {
    @TempDir
    static Path work;
    static Path model;
    static List<Path> photos;
    static List<String> djlDigits;

    @BeforeAll
    static void exportAndPredictWithDjl() throws Exception {
        model = TrainedTestModel.copyTo(work.resolve("model"));
        Path data = TrainedTestModel.DATA;
        ModelExporter.export(new ExportRequest(model, ExportFormat.TFLITE, Quantize.NONE, null, data, 50));
        ModelExporter.export(new ExportRequest(model, ExportFormat.TFLITE, Quantize.INT8, null, data, 50));
        ModelExporter.export(new ExportRequest(model, ExportFormat.ONNX, Quantize.NONE, null, data, 50));
        photos = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            try (Stream<Path> files = Files.list(data.resolve(Integer.toString(digit)))) {
                files.sorted().skip(5).limit(1).forEach(photos::add);
            }
        }
        try (DjlDigitClassifier djl = DjlDigitClassifier.open(model)) {
            djlDigits = new PhotoPredictor(djl, new ImageDecoder(), 16).predict(photos, 1).stream()
                    .map(PhotoPrediction::digit).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tflite", "tflite-int8", "onnx"})
    void servesTheExportedModelLikeTheDjlModel(String runtime, @TempDir Path root) throws Exception {
        try (TestServer server = TestServer.start(root, b -> b, dir -> DigitClassifiers.open(runtime, model))) {
            assertThat(server.http.get("/v2/health/ready").status()).isEqualTo(200);
            int agree = 0;
            for (int i = 0; i < photos.size(); i++) {
                byte[] bytes = Files.readAllBytes(photos.get(i));
                Http.Response rest = server.http.post("/api/v1/predict", bytes, "image/jpeg");
                assertThat(rest.status()).as(rest.text()).isEqualTo(200);
                if (rest.json().get("digit").asText().equals(djlDigits.get(i))) {
                    agree++;
                }
            }
            // float exports give DJL's answer on every photo; int8 may flip a borderline one
            assertThat(agree).as(runtime + " agreeing with DJL on 10 photos")
                    .isGreaterThanOrEqualTo(runtime.endsWith("int8") ? 9 : 10);

            byte[] seven = Files.readAllBytes(photos.get(7));
            String bytesRequest = "{\"id\":\"r1\",\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[1],"
                    + "\"data\":[\"" + Base64.getEncoder().encodeToString(seven) + "\"]}]}";
            Http.Response v2 = server.http.postJson("/v2/models/signdigits/infer", bytesRequest);
            assertThat(v2.status()).as(v2.text()).isEqualTo(200);
            assertThat(v2.json().get("id").asText()).isEqualTo("r1");
            String viaBytes = v2.json().get("outputs").get(1).get("data").get(0).asText();

            JsonNode metadata = server.http.get("/v2/models/signdigits").json();
            int size = metadata.get("inputs").get(0).get("shape").get(2).asInt();
            var rgb = new ImageDecoder().decode(photos.get(7)).rgb();
            float[] tensor = new ImagePreprocessor(size, 128f, 128f).toChw(rgb);
            StringBuilder fp32 = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,3,")
                    .append(size).append(',').append(size).append("],\"data\":[");
            for (int k = 0; k < tensor.length; k++) {
                fp32.append(k == 0 ? "" : ",").append(tensor[k]);
            }
            fp32.append("]}]}");
            Http.Response v2Tensor = server.http.postJson("/v2/models/signdigits/infer", fp32.toString());
            assertThat(v2Tensor.status()).as(v2Tensor.text()).isEqualTo(200);
            assertThat(v2Tensor.json().get("outputs").get(1).get("data").get(0).asText()).isEqualTo(viaBytes);

            Http.Response bad = server.http.post("/api/v1/predict", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "image/jpeg");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(server.http.get("/metrics").text()).contains("signdigits");
        }
    }
}
