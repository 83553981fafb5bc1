package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload: by POST /admin/reload and by watching the 'latest' pointer, with zero failed requests.
 * Uses the stand-in on purpose: models must be told apart by id, slowed down to keep batches in
 * flight across a swap, and checked for being closed after it; no runtime is under test here.
 */
class WebReloadTest {
    @TempDir
    Path root;

    @Test
    void reloadsUnderLoadFailNoRequestAndCloseEveryReplacedModel() throws Exception {
        List<SlowClassifier> made = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(root, b -> b.maxBatch(4).workers(2),
                SlowClassifier.loader(Duration.ofMillis(15), made))) {
            TestModels.modelDir(server.models, "run-b", "model-b");
            byte[] photo = TestModels.bytes(TestModels.photo(5));
            AtomicBoolean done = new AtomicBoolean();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            Set<String> models = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                running.add(clients.submit(() -> {
                    while (!done.get()) {
                        Http.Response r = server.http.post("/api/v1/predict", photo, "image/jpeg");
                        statuses.merge(r.status(), 1, Integer::sum);
                        if (r.status() == 200) {
                            assertThat(r.json().get("digit").asInt()).isEqualTo(5);
                            models.add(r.json().get("model").asText());
                        }
                    }
                }));
            }

            for (int swap = 0; swap < 8; swap++) {
                Thread.sleep(120);
                server.point(swap % 2 == 0 ? "run-b" : "run-a");
                Http.Response reloaded = server.http.post("/admin/reload", new byte[0], null);
                assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(200);
                assertThat(reloaded.json().get("model").asText()).isEqualTo(swap % 2 == 0 ? "model-b" : "model-a");
            }
            Thread.sleep(120);
            done.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();

            assertThat(statuses.keySet()).as("statuses " + statuses).containsOnly(200);
            assertThat(statuses.get(200)).isGreaterThan(50);
            assertThat(models).containsExactlyInAnyOrder("model-a", "model-b");
            assertThat(made).hasSize(9);
            for (SlowClassifier replaced : made.subList(0, made.size() - 1)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (replaced.running.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // its last batch finishes, then it is closed
                }
                assertThat(isClosed(replaced)).as("replaced model closed after drain").isTrue();
            }
            assertThat(isClosed(made.get(made.size() - 1))).isFalse();
        }
    }

    @Test
    void watcherPicksUpARepointedOrReplacedModel() throws Exception {
        try (TestServer server = TestServer.start(root, b -> b.watchInterval(Duration.ofMillis(100)))) {
            TestModels.modelDir(server.models, "run-b", "model-b");

            server.point("run-b");
            awaitVersion(server, "model-b");

            // a training run replaces the directory in one rename, keeping its name
            AtomicFiles.writeDirectory(server.models.resolve("run-b"),
                    dir -> Files.writeString(dir.resolve("model-id.txt"), "model-b2"));
            awaitVersion(server, "model-b2");
            assertThat(server.http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(0)), "image/jpeg")
                    .json().get("model").asText()).isEqualTo("model-b2");
        }
    }

    @Test
    void aModelThatFailsToLoadLeavesTheOldOneServing() throws Exception {
        try (TestServer server = TestServer.start(root)) {
            Path broken = TestModels.modelDir(server.models, "run-broken", "model-broken");
            Files.writeString(broken.resolve("fail.txt"), "yes");
            server.point("run-broken");

            Http.Response reload = server.http.post("/admin/reload", new byte[0], null);

            assertThat(reload.status()).isEqualTo(409);
            assertThat(reload.error()).contains("still serving 'model-a'").contains("broken");
            Http.Response predict = server.http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(4)), "image/jpeg");
            assertThat(predict.status()).isEqualTo(200);
            assertThat(predict.json().get("model").asText()).isEqualTo("model-a");
            assertThat(server.http.get("/metrics").text()).contains("signdigits_model_reloads_total{result=\"failed\"} 1");
        }
    }

    private static void awaitVersion(TestServer server, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = server.http.get("/v2/models/signdigits").json().get("versions").get(0).asText();
            if (seen.equals(version)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("still serving " + seen + ", expected " + version);
    }

    private static boolean isClosed(SlowClassifier slow) {
        try {
            slow.classify(List.of(BadImages.solid(4, 4, 0)));
            return false;
        } catch (IllegalStateException closed) {
            return true;
        }
    }
}
