package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness and graceful stop at the app level: not ready without a model; on stop, in-flight
 * requests complete. Uses the slowed-down stand-in so that requests are reliably in flight.
 */
class WebLifecycleTest {
    @TempDir
    Path root;

    @Test
    void stopWhileRequestsAreInFlightLetsThemComplete() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        TestServer server = TestServer.start(root, b -> b.maxBatch(2).maxDelay(Duration.ofMillis(20)),
                SlowClassifier.loader(Duration.ofMillis(400), made));
        SlowClassifier model = made.get(0);
        byte[] photo = TestModels.bytes(TestModels.photo(8));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Response>> inFlight = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                inFlight.add(clients.submit(() -> server.http.post("/api/v1/predict", photo, "image/jpeg")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((model.running.get() == 0 || activeRequests(server) < 6) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(activeRequests(server)).as("all six requests are in the server").isEqualTo(6);
            assertThat(model.running.get()).as("a batch is running").isPositive();
            assertThat(server.app.ready()).isTrue();

            long started = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.app::stop);
            Thread.sleep(50);
            assertThat(server.app.ready()).as("readiness turns false at once").isFalse();
            stopping.get();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - started);

            for (Future<Http.Response> request : inFlight) {
                Http.Response response = request.get();
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.json().get("digit").asInt()).isEqualTo(8);
            }
            assertThat(stopTook).as("stop waited for the in-flight batches").isGreaterThan(Duration.ofMillis(300));
            assertThatThrownBy(() -> server.http.get("/v2/health/live")).isInstanceOf(UncheckedIOException.class);
        } finally {
            clients.shutdownNow();
            server.close();
        }
    }

    private static int activeRequests(TestServer server) {
        return (int) server.registry.get("signdigits.http.requests.active").gauge().value();
    }

    @Test
    void stopIsIdempotentAndFastWhenIdle() {
        TestServer server = TestServer.start(root);
        long started = System.nanoTime();
        server.app.stop();
        server.app.stop();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void notReadyAndRefusingWithRetryAfterUntilAModelIsLoaded() {
        Path dir = TestModels.modelDir(root, "run-a", "model-a");
        try (ModelHolder holder = new ModelHolder(dir, TestModels.loader(), java.time.Clock.systemUTC())) {
            WebApp app = WebApp.create(ServerConfig.builder().port(0).watchInterval(Duration.ZERO).build(), holder).start();
            try {
                Http http = new Http(app.port());
                assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
                Http.Response notReady = http.get("/v2/health/ready");
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().get("ready").asBoolean()).isFalse();
                Http.Response refused = http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(0)), "image/jpeg");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.error()).contains("No model is loaded yet");

                holder.reload();

                assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
                assertThat(http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(0)), "image/jpeg").status())
                        .isEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }
}
