package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signdigits serve} as a real process: SIGTERM under traffic finishes in-flight requests and
 * exits 0. Uses the slowed-down stand-in so that requests are in flight when the signal arrives.
 */
@Tag("slow")
class ServeProcessTest {
    private static final Pattern SERVING = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path root;

    @Test
    void sigtermUnderTrafficFinishesInFlightRequestsAndExitsZero() throws Exception {
        Path model = TestModels.modelDir(root, "run-a", "model-a");
        Files.writeString(root.resolve("latest"), "run-a\n");
        Path log = root.resolve("serve.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dsigndigits.test.delayMs=700", "-cp", System.getProperty("java.class.path"),
                ServeForTests.class.getName(), "--model", root.resolve("latest").toString(), "--port", "0",
                "--max-batch", "4", "--watch-interval-ms", "0",
                "--min-confidence", "0") // the stand-in's probabilities are not calibrated (see TestServer)
                .redirectErrorStream(true) // runs in the project directory, where ../shared is
                .redirectOutput(log.toFile())
                .start();
        try {
            Http http = new Http(awaitPort(log));
            byte[] photo = TestModels.bytes(TestModels.photo(9));
            List<CompletableFuture<Http.Response>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> http.post("/api/v1/predict", photo, "image/jpeg")));
            }
            awaitActiveRequests(http, 4); // the three, and the metrics request that sees them

            process.destroy(); // SIGTERM

            for (CompletableFuture<Http.Response> request : inFlight) {
                Http.Response response = request.get(20, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.json().get("digit").asInt()).isEqualTo(9);
            }
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("process exits").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("stopping: finishing in-flight requests").contains("Stopped: in-flight requests finished.");
            assertThat(model).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitActiveRequests(Http http, int count) throws InterruptedException {
        Pattern active = Pattern.compile("signdigits_http_requests_active (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Matcher m = active.matcher(http.get("/metrics").text());
            if (m.find() && Integer.parseInt(m.group(1)) >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the requests never reached the server");
    }

    private static int awaitPort(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String output = "";
        while (System.nanoTime() < deadline) {
            output = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = SERVING.matcher(output);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not start:\n" + output);
    }
}
