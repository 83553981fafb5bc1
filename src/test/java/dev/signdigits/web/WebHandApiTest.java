package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signdigits.DigitReader;
import dev.signdigits.DigitReading;
import dev.signdigits.SignDigits;
import dev.signdigits.hand.Box;
import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.PhoneLikeFrames;
import dev.signdigits.image.TestImages;
import dev.signdigits.testing.TinyModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model trained with the hand locator, served: REST and KServe v2 answers say where the hand is,
 * and a photo without a hand is an answer (200, no digit), not an error. The real tiny model
 * trained with {@code --hand-locator auto}, once per runtime, real photos from ../shared.
 */
@Tag("slow")
@ClassTemplate
class WebHandApiTest {
    private static final String INFER = "/v2/models/signdigits/infer";
    /** A photo without a hand: the locator's tests and predict's use it too. */
    private static final Path SUNFLOWER = PhoneLikeFrames.sceneries().stream()
            .filter(p -> p.getFileName().toString().equals("sunflower.bmp")).findFirst().orElseThrow();

    @RegisterExtension
    static final RuntimeServers servers = RuntimeServers.serving(b -> b).over(HandRuntimeModel.RUNTIMES, HandRuntimeModel::of);
    final ServedModel served = servers.served();
    final TestServer server = servers.server();
    final Http http = servers.http();

    @Test
    void aPhotoWithAHandGetsItsDigitAndWhereTheHandIs() {
        Path photo = served.photo(3);
        Http.Response response = http.multipart("/api/v1/predict",
                new Http.Multipart().file("image", photo.getFileName().toString(), "image/jpeg", TestModels.bytes(photo)));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("digit").asInt()).isEqualTo(3);
        assertThat(json.get("top_k").get(0).get("digit").asInt()).isEqualTo(3);
        assertThat(json.has("reason")).isFalse();
        JsonNode hand = json.get("hand");
        assertThat(hand.get("found").asBoolean()).isTrue();
        assertThat(hand.get("score").asDouble()).isBetween(0.3, 1.0); // the recorded presence threshold is 0.3
        assertThat(hand.get("handedness").asText()).isIn("left", "right");
        assertThat(hand.has("landmarks")).as("landmarks only when asked").isFalse();
        Box box = box(hand);
        assertThat(box.x()).isBetween(0.0, 100.0);
        assertThat(box.y()).isBetween(0.0, 100.0);
        assertThat(box.x() + box.w()).isLessThanOrEqualTo(100.0); // the dataset photos are 100x100
        assertThat(box.y() + box.h()).isLessThanOrEqualTo(100.0);
        assertThat(box.area()).as("a close-up: the hand fills much of the photo").isGreaterThan(0.15 * 100 * 100);
    }

    @Test
    void aPhoneLikeFrameGetsTheHandOnThePastedPhotoAndTheSameAnswerAsTheJavaApi() {
        PhoneLikeFrames.Frame frame = PhoneLikeFrames.of(served.photo(3), "3", 11);
        byte[] jpeg = TestImages.jpeg(frame.image(), 0.92f, false);

        // the Java API applies no confidence floor: compare without one
        JsonNode json = http.post("/api/v1/predict?min_confidence=0", jpeg, "image/jpeg").json();

        JsonNode hand = json.get("hand");
        assertThat(hand.get("found").asBoolean()).as(json.toString()).isTrue();
        Box box = box(hand);
        Box pasted = frame.bounds();
        double overlap = Math.max(0, Math.min(box.x() + box.w(), pasted.x() + pasted.w()) - Math.max(box.x(), pasted.x()))
                * Math.max(0, Math.min(box.y() + box.h(), pasted.y() + pasted.h()) - Math.max(box.y(), pasted.y()));
        assertThat(overlap).as("the hand's box %s lies on the pasted photo %s", box, pasted).isGreaterThan(0.8 * box.area());
        // the service reads the hand crop the library reads (same decoder, same framing, same runtime)
        try (DigitReader reader = SignDigits.options().runtime(((HandRuntimeModel) served).runtimeOption())
                .open(TinyModel.handDir())) {
            DigitReading reading = reader.read(jpeg);
            assertThat(json.get("digit").asText()).isEqualTo(reading.digit());
            assertThat(json.get("confidence").asDouble()).isCloseTo(reading.probability(), within(1e-4));
            Box library = ((HandResult.Found) reading.hand().orElseThrow()).box();
            assertThat(box.x()).isCloseTo(library.x(), within(0.01));
            assertThat(box.w()).isCloseTo(library.w(), within(0.01));
        }
    }

    @Test
    void photosWithoutAHandGet200WithNoDigitAndAReason() {
        double before = noHandCount();
        List<byte[]> withoutHand = List.of(TestModels.bytes(SUNFLOWER), TestImages.encode(blank(640, 480), "png"));
        for (byte[] photo : withoutHand) {
            Http.Response response = http.post("/api/v1/predict?top_k=10", photo, null);

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.has("digit")).isTrue();
            assertThat(json.get("digit").isNull()).as(json.toString()).isTrue();
            assertThat(json.get("hand").get("found").asBoolean()).isFalse();
            assertThat(json.get("hand").size()).as("nothing but found: false").isEqualTo(1);
            assertThat(json.get("reason").asText()).startsWith("No hand found").endsWith(".");
            assertThat(json.has("top_k")).isFalse();
            assertThat(json.has("confidence")).isFalse();
            assertThat(json.get("model").asText()).isEqualTo(served.modelId());
        }
        assertThat(noHandCount()).isEqualTo(before + withoutHand.size());
        assertThat(http.get("/metrics").text()).contains("signdigits_hand_locate_seconds_count");
    }

    @Test
    void landmarksTrueAddsTheTwentyOnePointsAroundTheBox() {
        byte[] photo = TestModels.bytes(served.photo(5));
        JsonNode hand = http.post("/api/v1/predict?landmarks=true", photo, "image/jpeg").json().get("hand");

        JsonNode landmarks = hand.get("landmarks");
        assertThat(landmarks).hasSize(21);
        Box box = box(hand);
        for (JsonNode point : landmarks) {
            assertThat(point).hasSize(2);
            // the box is the landmarks' bounding box clipped to the photo: points inside it, or outside the photo
            double x = point.get(0).asDouble();
            double y = point.get(1).asDouble();
            if (x >= 0 && x <= 100) {
                assertThat(x).isBetween(box.x() - 0.02, box.x() + box.w() + 0.02);
            }
            if (y >= 0 && y <= 100) {
                assertThat(y).isBetween(box.y() - 0.02, box.y() + box.h() + 0.02);
            }
        }
        assertThat(http.post("/api/v1/predict?landmarks=false", photo, "image/jpeg").json().get("hand").has("landmarks")).isFalse();
        Http.Response bad = http.post("/api/v1/predict?landmarks=maybe", photo, "image/jpeg");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("landmarks").contains("maybe");
    }

    @Test
    void theBoxIsInTheUprightPhotosPixelsWhenExifTurnsIt() {
        PhoneLikeFrames.Frame frame = PhoneLikeFrames.of(served.photo(3), "3", 11);
        BufferedImage upright = frame.image();
        byte[] plain = TestImages.jpeg(upright, 0.95f, false);
        byte[] turned = TestImages.withExifOrientation(TestImages.jpeg(storedForOrientation6(upright), 0.95f, false), 6, false);

        Box expected = box(http.post("/api/v1/predict", plain, "image/jpeg").json().get("hand"));
        JsonNode hand = http.post("/api/v1/predict", turned, "image/jpeg").json().get("hand");

        assertThat(hand.get("found").asBoolean()).isTrue();
        Box actual = box(hand);
        // the same place in the upright frame (640 wide, 480 high), up to JPEG noise
        double tolerance = 0.1 * Math.max(expected.w(), expected.h());
        assertThat(actual.centerX()).isCloseTo(expected.centerX(), within(tolerance));
        assertThat(actual.centerY()).isCloseTo(expected.centerY(), within(tolerance));
        assertThat(actual.w()).isCloseTo(expected.w(), within(tolerance));
    }

    @Test
    void theBatchRouteAnswersHandsNoHandsAndBadImagesEachInItsPlace() {
        Http.Multipart form = new Http.Multipart()
                .file("images", "three.jpg", "image/jpeg", TestModels.bytes(served.photo(3)))
                .file("images", "sunflower.bmp", "image/bmp", TestModels.bytes(SUNFLOWER))
                .file("images", "broken.jpg", "image/jpeg", new byte[] {1, 2, 3, 4})
                .file("images", "five.jpg", "image/jpeg", TestModels.bytes(served.photo(5)));

        Http.Response response = http.multipart("/api/v1/predict/batch?landmarks=true", form);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("digit").asInt()).isEqualTo(3);
        assertThat(results.get(0).get("hand").get("found").asBoolean()).isTrue();
        assertThat(results.get(0).get("hand").get("landmarks")).hasSize(21);
        JsonNode none = results.get(1);
        assertThat(none.get("index").asInt()).isEqualTo(1);
        assertThat(none.get("digit").isNull()).isTrue();
        assertThat(none.get("hand").get("found").asBoolean()).isFalse();
        assertThat(none.get("reason").asText()).startsWith("No hand found");
        assertThat(none.has("error")).isFalse();
        assertThat(results.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).has("hand")).isFalse();
        assertThat(results.get(3).get("digit").asInt()).isEqualTo(5);
    }

    @Test
    void kserveGivesHandFoundAndHandBoxBesideTheProbabilities() {
        byte[] three = TestModels.bytes(served.photo(3));
        String body = "{\"id\":\"h1\",\"inputs\":[{\"name\":\"image_bytes\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\""
                + Base64.getEncoder().encodeToString(three) + "\",\""
                + Base64.getEncoder().encodeToString(TestImages.encode(blank(320, 240), "png")) + "\"]}]}";

        Http.Response response = http.postJson(INFER, body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode outputs = response.json().get("outputs");
        assertThat(names(outputs)).containsExactly("probabilities", "digit", "hand_found", "hand_box");
        JsonNode probabilities = outputs.get(0);
        assertThat(probabilities.get("shape").toString()).isEqualTo("[2,10]");
        double first = 0;
        for (int i = 0; i < 10; i++) {
            first += probabilities.get("data").get(i).asDouble();
            assertThat(probabilities.get("data").get(10 + i).asDouble()).as("a row without a hand is all zeros").isZero();
        }
        assertThat(first).isCloseTo(1.0, within(served.probabilitySumTolerance()));
        assertThat(outputs.get(1).get("data").toString()).isEqualTo("[3,-1]");
        JsonNode found = outputs.get(2);
        assertThat(found.get("datatype").asText()).isEqualTo("BOOL");
        assertThat(found.get("shape").toString()).isEqualTo("[2]");
        assertThat(found.get("data").toString()).isEqualTo("[true,false]");
        JsonNode boxes = outputs.get(3);
        assertThat(boxes.get("datatype").asText()).isEqualTo("FP32");
        assertThat(boxes.get("shape").toString()).isEqualTo("[2,4]");
        Box rest = box(http.post("/api/v1/predict", three, "image/jpeg").json().get("hand"));
        assertThat(boxes.get("data").get(0).asDouble()).isCloseTo(rest.x(), within(0.01));
        assertThat(boxes.get("data").get(1).asDouble()).isCloseTo(rest.y(), within(0.01));
        assertThat(boxes.get("data").get(2).asDouble()).isCloseTo(rest.w(), within(0.01));
        assertThat(boxes.get("data").get(3).asDouble()).isCloseTo(rest.h(), within(0.01));
        for (int i = 4; i < 8; i++) {
            assertThat(boxes.get("data").get(i).asDouble()).isZero();
        }

        String onlyHands = body.replace("\"inputs\"", "\"outputs\":[{\"name\":\"hand_found\"}],\"inputs\"");
        assertThat(names(http.postJson(INFER, onlyHands).json().get("outputs"))).containsExactly("hand_found");
    }

    @Test
    void kserveMetadataListsTheHandOutputsAndATensorIsTakenAsAlreadyFramed() {
        JsonNode meta = http.get("/v2/models/signdigits").json();
        assertThat(meta.get("outputs").toString()).isEqualTo(
                "[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,10]},"
                        + "{\"name\":\"digit\",\"datatype\":\"INT64\",\"shape\":[-1]},"
                        + "{\"name\":\"hand_found\",\"datatype\":\"BOOL\",\"shape\":[-1]},"
                        + "{\"name\":\"hand_box\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]");
        if (!server.holder.current().orElseThrow().tensorInput()) {
            return; // this runtime takes encoded images only
        }
        // a hand crop, framed by the client as the model's framing does, sent as the FP32 input: classified as it is
        BufferedImage crop;
        try (ModelHolder.Lease lease = server.holder.acquire()) {
            crop = lease.framing().frame(new dev.signdigits.image.ImageDecoder().decode(served.photo(3)).rgb()).image();
        }
        int s = served.inputSize();
        StringBuilder data = new StringBuilder();
        for (float v : served.tensor(crop)) {
            data.append(data.isEmpty() ? "" : ",").append(v);
        }
        String tensor = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,3," + s + "," + s + "],\"data\":["
                + data + "]}]}";
        Http.Response response = http.postJson(INFER, tensor);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(names(response.json().get("outputs"))).containsExactly("probabilities", "digit");
        // classified as it is: without the hand's shape the answer can be less sure, below the default floor "not sure" (-1)
        JsonNode probabilities = response.json().get("outputs").get(0).get("data");
        int best = 0;
        for (int i = 1; i < probabilities.size(); i++) {
            best = probabilities.get(i).asDouble() > probabilities.get(best).asDouble() ? i : best;
        }
        assertThat(best).isEqualTo(3);
        assertThat(response.json().get("outputs").get(1).get("data").get(0).asInt()).isEqualTo(
                probabilities.get(3).asDouble() < dev.signdigits.predict.ConfidenceFloor.DEFAULT_MIN_CONFIDENCE ? -1 : 3);

        Http.Response askedForHands = http.postJson(INFER, tensor.replace("\"inputs\"", "\"outputs\":[{\"name\":\"hand_box\"}],\"inputs\""));
        assertThat(askedForHands.status()).isEqualTo(400);
        assertThat(askedForHands.json().get("error").asText()).contains("hand_box").contains("already framed");
    }

    @Test
    void manyRequestsAtOnceOpenNoMoreLocatorsThanCores() throws Exception {
        byte[] frame = TestImages.jpeg(PhoneLikeFrames.of(served.photo(4), "4", 5).image(), 0.9f, false);
        List<CompletableFuture<Http.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> http.post("/api/v1/predict", frame, "image/jpeg")));
        }
        for (CompletableFuture<Http.Response> request : requests) {
            Http.Response response = request.get();
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
        try (ModelHolder.Lease lease = server.holder.acquire()) {
            assertThat(lease.framing().locators()).isBetween(1, Runtime.getRuntime().availableProcessors());
        }
    }

    private double noHandCount() {
        Matcher m = Pattern.compile("signdigits_hand_located_total\\{result=\"no_hand\"} ([0-9.]+)")
                .matcher(http.get("/metrics").text());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Box box(JsonNode hand) {
        JsonNode b = hand.get("box");
        assertThat(b).as("box [x, y, w, h]").hasSize(4);
        return new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }

    private static List<String> names(JsonNode outputs) {
        List<String> names = new ArrayList<>();
        outputs.forEach(o -> names.add(o.get("name").asText()));
        return names;
    }

    private static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x808080));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** The pixels a camera stores for EXIF orientation 6 ("right top"): the upright picture turned a quarter to the left. */
    private static BufferedImage storedForOrientation6(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < w; sy++) {
            for (int sx = 0; sx < h; sx++) {
                stored.setRGB(sx, sy, upright.getRGB(w - 1 - sy, sx));
            }
        }
        return stored;
    }
}
