package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that closes its socket half-way through an upload is not a server error: the request is
 * counted with status 499 and logged in one line below WARN, on every route that reads a body.
 */
class WebClientGoneTest {
    static TestServer server;

    @BeforeAll
    static void start(@TempDir Path root) {
        server = TestServer.start(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/predict|image/jpeg", "/v2/models/signdigits/infer|application/json",
            "/api/v1/predict|multipart/form-data; boundary=XyZ", "/api/v1/predict/batch|multipart/form-data; boundary=XyZ"})
    void clientThatClosesMidUploadIsCountedAs499AndNotLoggedAsAnError(String routeAndType) throws Exception {
        String route = routeAndType.split("\\|")[0];
        String type = routeAndType.split("\\|")[1];
        String routeTemplate = route.startsWith("/v2") ? "/v2/models/{model}/infer" : route;
        double before = count(routeTemplate, "499");
        try (LogCapture logs = new LogCapture()) {
            RawSocket.sendAndVanish(server.app.port(), "POST " + route + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type
                    + "\r\nContent-Length: 8758\r\n\r\n" + (type.startsWith("multipart") ? "--XyZ\r\nCont" : "{\""));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(routeTemplate, "499") == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(routeTemplate, "499")).isEqualTo(before + 1);
            assertThat(server.http.get("/metrics").text()).doesNotContainPattern("status=\"5\\d\\d\"");
            List<String> warnings = logs.atLeast(Level.WARN);
            assertThat(warnings).isEmpty();
        }
        assertThat(server.http.get("/v2/health/live").status()).isEqualTo(200);
    }

    /** The count of {@code signdigits_http_requests_seconds} for one route and status. */
    private static double count(String route, String status) {
        Matcher m = Pattern.compile("(?m)^signdigits_http_requests_seconds_count\\{(.*)\\} (\\S+)$")
                .matcher(server.http.get("/metrics").text());
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("route=\"" + route + "\"") && m.group(1).contains("status=\"" + status + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
