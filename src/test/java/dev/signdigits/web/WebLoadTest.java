package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micro-batching, the bounded queue (503 + Retry-After) and the per-request timeout, under
 * concurrent load. Uses the stand-in slowed to a fixed time per call: queue-full and timeout
 * outcomes must not depend on how fast the machine runs a real model. bench/load.sh measures the
 * real runtimes under load.
 */
class WebLoadTest {
    @TempDir
    Path root;

    private static List<Http.Response> concurrently(TestServer server, int requests, int digit) throws Exception {
        byte[] photo = TestModels.bytes(TestModels.photo(digit));
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(clients.submit(() -> server.http.post("/api/v1/predict", photo, "image/jpeg")));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aLoneRequestIsNotHeldForABatchThatCannotFill() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        // a batching wait far longer than any answer takes: a lone request must not sit it out
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(8).maxDelay(Duration.ofSeconds(20))
                .requestTimeout(Duration.ofSeconds(60)), SlowClassifier.loader(Duration.ofMillis(1), made))) {
            byte[] photo = TestModels.bytes(TestModels.photo(6));
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Http.Response response = server.http.post("/api/v1/predict", photo, "image/jpeg");
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aLoneRequestIsClassifiedOnItsOwnThreadWhileTheServiceIsIdle() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(8).maxDelay(Duration.ofMillis(50)),
                SlowClassifier.loader(Duration.ofMillis(1), made))) {
            SlowClassifier model = made.get(0);
            model.threads.clear(); // the warm-up
            byte[] photo = TestModels.bytes(TestModels.photo(6));
            for (int i = 0; i < 5; i++) {
                Http.Response response = server.http.post("/api/v1/predict", photo, "image/jpeg");
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.json().get("digit").asInt()).isEqualTo(6);
            }
            // no hand-off to a batcher worker and back: the request's thread classified it
            assertThat(model.threads).hasSize(5).noneMatch(name -> name.startsWith("inference-"));
            assertThat(server.http.get("/metrics").text()).containsPattern("signdigits_inference_seconds_count [5-9]");
        }
    }

    @Test
    void concurrentRequestsAreBatchedUpToMaxBatch() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(4).maxDelay(Duration.ofMillis(50)),
                SlowClassifier.loader(Duration.ofMillis(100), made))) {
            SlowClassifier model = made.get(0);
            model.batchSizes.clear(); // the warm-up

            List<Http.Response> responses = concurrently(server, 12, 6);

            assertThat(responses).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("digit").asInt()).isEqualTo(6);
            });
            assertThat(model.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
            assertThat(model.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 4));
            assertThat(model.batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(1);
            assertThat(model.threads).as("under load the batcher's workers classify").anyMatch(name -> name.startsWith("inference-"));
            assertThat(server.http.get("/metrics").text()).containsPattern("signdigits_batch_size_images_max [234]");
        }
    }

    @Test
    void burstBeyondTheQueueGets503WithRetryAfterAndTheServerStaysUp() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(1).queueCapacity(2).maxDelay(Duration.ZERO),
                SlowClassifier.loader(Duration.ofMillis(500), made))) {

            List<Http.Response> responses = concurrently(server, 12, 1);

            List<Http.Response> refused = responses.stream().filter(r -> r.status() == 503).toList();
            List<Http.Response> served = responses.stream().filter(r -> r.status() == 200).toList();
            assertThat(refused.size() + served.size()).isEqualTo(12);
            assertThat(refused).isNotEmpty();
            assertThat(served).hasSizeGreaterThanOrEqualTo(2);
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.error()).contains("queue is full");
            });
            assertThat(server.http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(1)), "image/jpeg").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void requestsPastTheirTimeoutGet503AndTheirWorkIsSkipped() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(1).maxDelay(Duration.ZERO)
                        .requestTimeout(Duration.ofMillis(1000)), SlowClassifier.loader(Duration.ofMillis(600), made))) {
            SlowClassifier model = made.get(0);
            model.batchSizes.clear();

            List<Http.Response> responses = concurrently(server, 6, 2);

            List<Http.Response> timedOut = responses.stream().filter(r -> r.status() == 503).toList();
            assertThat(timedOut).isNotEmpty();
            assertThat(timedOut).allSatisfy(r -> assertThat(r.error()).contains("request timeout of 1000 ms"));
            assertThat(responses.stream().filter(r -> r.status() == 200)).isNotEmpty();
            Thread.sleep(1500);
            assertThat(model.batchSizes.size()).as("cancelled work is not run").isLessThan(6);
        }
    }
}
