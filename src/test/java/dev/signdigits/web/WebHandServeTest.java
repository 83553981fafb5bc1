package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandModels;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.TestImages;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.testing.CliRun;
import dev.signdigits.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving a model trained with the hand locator: it needs its hand model files (serve does not
 * start without them, a reload without them keeps the old model), a whole-photo model needs none,
 * and locating runs within the request's deadline.
 */
@Tag("slow")
class WebHandServeTest {
    private static final Path MIRROR = Path.of("..", "shared", "pretrained", HandModels.DIRECTORY);
    private static final String LANDMARKS = HandModels.LANDMARK_LITE.file();
    private static final String PALMS = HandModels.PALM_LITE.file();
    private static final String REFINER = HandModels.LANDMARK_FULL.file();

    @TempDir
    Path root;

    @Test
    void serveRefusesToStartWithoutItsHandModelFilesAndSaysWhichFileWithExitCode3() throws Exception {
        Path model = TinyModel.handDir();
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path damaged = Files.createDirectories(root.resolve("damaged"));
        Files.copy(MIRROR.resolve(PALMS), damaged.resolve(PALMS));
        Files.write(damaged.resolve(LANDMARKS), new byte[] {1, 2, 3});

        CliRun missing = serve(model, empty);
        assertThat(missing.exit()).as(missing.err()).isEqualTo(3);
        assertThat(missing.err().strip().lines()).as("one sentence").hasSize(1);
        assertThat(missing.err()).contains(empty.resolve(PALMS).toString()).contains("missing")
                .contains(HandModels.PALM_LITE.url().toString());
        assertThat(missing.out()).doesNotContain("Serving on");

        CliRun broken = serve(model, damaged);
        assertThat(broken.exit()).as(broken.err()).isEqualTo(3);
        assertThat(broken.err().strip().lines()).hasSize(1);
        assertThat(broken.err()).contains(damaged.resolve(LANDMARKS).toString()).contains("damaged");
        assertThat(broken.out()).doesNotContain("Serving on");
    }

    /** serve in-process; should it start after all, the test fails on the timeout rather than hang. */
    private static CliRun serve(Path model, Path handModels) {
        return assertTimeoutPreemptively(Duration.ofMinutes(3), () -> CliRun.of("serve", "--model", model.toString(),
                "--runtime", "tflite-int8", "--port", "0", "--watch-interval-ms", "0", "--hand-models", handModels.toString()));
    }

    @Test
    void aReloadThatCannotOpenTheHandModelKeepsServingTheOldModel() throws Exception {
        Path handModels = Files.createDirectories(root.resolve("hand-models"));
        Files.copy(MIRROR.resolve(PALMS), handModels.resolve(PALMS));
        Files.copy(MIRROR.resolve(LANDMARKS), handModels.resolve(LANDMARKS));
        Files.copy(MIRROR.resolve(REFINER), handModels.resolve(REFINER));
        HandRuntimeModel served = HandRuntimeModel.of("tflite-int8");
        byte[] three = TestModels.bytes(served.photo(3));
        try (TestServer server = TestServer.start(root.resolve("server"), b -> b, served, FramingOpener.recorded(handModels))) {
            assertThat(server.http.post("/api/v1/predict", three, "image/jpeg").json().get("hand").get("found").asBoolean()).isTrue();

            Path garbage = root.resolve("garbage");
            Files.write(garbage, new byte[] {0, 1, 2, 3});
            AtomicFiles.move(garbage, handModels.resolve(LANDMARKS)); // a new file: the served interpreters keep theirs
            Http.Response reload = server.http.post("/admin/reload", new byte[0], null);

            assertThat(reload.status()).as(reload.text()).isEqualTo(409);
            assertThat(reload.json().get("error").asText()).contains("still serving '" + served.modelId() + "'")
                    .contains(handModels.resolve(LANDMARKS).toString());
            Http.Response after = server.http.post("/api/v1/predict", three, "image/jpeg");
            assertThat(after.status()).as(after.text()).isEqualTo(200);
            assertThat(after.json().get("digit").asInt()).isEqualTo(3);
            assertThat(after.json().get("hand").get("found").asBoolean()).isTrue();
            assertThat(server.holder.failedReloadCount()).isEqualTo(1);
        }
    }

    @Test
    void aReplacedModelClosesItsHandLocatorsOnceItsLastUserIsDone() {
        HandRuntimeModel served = HandRuntimeModel.of("tflite-int8");
        Path dir = served.createModelDir(root, "run-a");
        BufferedImage three = new ImageDecoder().decode(served.photo(3)).rgb();
        HandFraming current;
        try (ModelHolder holder = new ModelHolder(dir, served.loader(), FramingOpener.recorded(null), Clock.systemUTC())) {
            holder.reload();
            ModelHolder.Lease first = holder.acquire();
            HandFraming old = first.framing();
            assertThat(old.locates()).isTrue();
            assertThat(old.locators()).isPositive();

            holder.reload(); // the same files again: a new model, the old one retired but still leased

            assertThat(old.frame(three).readable()).as("a retired model still frames for its last user").isTrue();
            first.close();
            assertThat(old.locators()).as("closed with its model").isZero();
            try (ModelHolder.Lease now = holder.acquire()) {
                current = now.framing();
                assertThat(current).isNotSameAs(old);
                assertThat(current.locators()).isPositive();
            }
        }
        assertThat(current.locators()).as("closed with the holder").isZero();
    }

    @Test
    void aWholePhotoModelNeedsNoHandModelFilesAndAnswersAsBefore() throws Exception {
        Path empty = Files.createDirectories(root.resolve("no-hand-models"));
        try (TestServer server = TestServer.start(root.resolve("server"), b -> b, StandInModel.INSTANCE,
                FramingOpener.recorded(empty))) {
            Http.Response response = server.http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(4)), "image/jpeg");

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().get("digit").asInt()).isEqualTo(4);
            assertThat(response.json().has("hand")).isFalse();
            assertThat(server.holder.current().orElseThrow().locatesHand()).isFalse();
            assertThat(server.http.get("/v2/models/signdigits").json().get("outputs")).hasSize(2);
        }
    }

    @Test
    void locatingRespectsTheRequestDeadlineUnderABurst() throws Exception {
        HandRuntimeModel served = HandRuntimeModel.of("tflite-int8");
        // frames without a hand cost the most (the locator's tiled second look): far more work than 400 ms on a few cores
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            frames.add(TestImages.jpeg(noise(new Random(i)), 0.9f, false));
        }
        try (TestServer server = TestServer.start(root.resolve("server"), b -> b.requestTimeout(Duration.ofMillis(400)), served)) {
            List<CompletableFuture<Http.Response>> burst = new ArrayList<>();
            for (byte[] frame : frames) {
                burst.add(CompletableFuture.supplyAsync(() -> server.http.post("/api/v1/predict", frame, "image/jpeg")));
            }
            int late = 0;
            for (CompletableFuture<Http.Response> request : burst) {
                Http.Response response = request.get();
                assertThat(response.status()).as(response.text()).isIn(200, 503);
                if (response.status() == 503) {
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    late += response.json().get("error").asText().contains("not located within the request timeout") ? 1 : 0;
                }
            }
            assertThat(late).as("requests that gave up waiting for a locator").isPositive();
            try (ModelHolder.Lease lease = server.holder.acquire()) {
                assertThat(lease.framing().locators()).isBetween(1, Runtime.getRuntime().availableProcessors());
            }
            Http.Response calm = server.http.post("/api/v1/predict", TestModels.bytes(served.photo(3)), "image/jpeg");
            assertThat(calm.status()).as(calm.text()).isEqualTo(200);
            assertThat(calm.json().get("digit").asInt()).isEqualTo(3);
        }
    }

    private static BufferedImage noise(Random random) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
