package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model watcher reloads when what defines the model changes (its files, the pointer), not when
 * something else is written beside them; a pointer that leads nowhere is reported once, counted,
 * and answered 409 by /admin/reload, while the previous model keeps serving.
 */
class WebModelWatchTest {
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void evaluationsWrittenIntoTheModelDirectoryDoNotReloadTheModel(@TempDir Path root) throws Exception {
        try (TestServer server = TestServer.start(root, b -> b.watchInterval(POLL))) {
            Path served = server.models.resolve("run-a");
            Path evaluation = Files.createDirectories(served.resolve("evaluations").resolve("other-people"));
            Files.writeString(evaluation.resolve("evaluation.json"), "{\"accuracy\": 0.9}");
            Files.writeString(evaluation.resolve("evaluation.txt"), "accuracy 90%");
            Thread.sleep(POLL.toMillis() * 10);

            assertThat(server.holder.reloadCount()).isEqualTo(1);

            Files.writeString(served.resolve("model-id.txt"), "model-a2"); // the model itself changed: reload
            awaitReloads(server, 2);
            assertThat(server.holder.current().orElseThrow().id()).isEqualTo("model-a2");
        }
    }

    @Test
    void danglingSymlinkIsOneWarningACountedFailureAnd409(@TempDir Path root) throws Exception {
        try (TestServer server = TestServer.start(root, b -> b.watchInterval(POLL));
             LogCapture logs = new LogCapture()) {
            Files.delete(server.pointer);
            Files.createSymbolicLink(server.pointer, Path.of("run-deleted"));
            Thread.sleep(POLL.toMillis() * 10);

            List<String> warnings = logs.atLeast(Level.WARN);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(server.pointer.toString()).contains("run-deleted")
                    .contains("does not exist");
            assertThat(server.http.get("/metrics").text()).contains("signdigits_model_reloads_total{result=\"failed\"} 1");

            Http.Response reload = server.http.post("/admin/reload", new byte[0], null);
            assertThat(reload.status()).isEqualTo(409);
            assertThat(reload.error()).contains("still serving 'model-a'").contains("run-deleted");
            assertThat(server.http.post("/api/v1/predict", TestModels.bytes(TestModels.photo(4)), "image/jpeg").status())
                    .isEqualTo(200);
        }
    }

    private static void awaitReloads(TestServer server, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.holder.reloadCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.holder.reloadCount()).isEqualTo(count);
    }
}
