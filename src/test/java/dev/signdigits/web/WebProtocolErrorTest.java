package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests that Jetty refuses before any route runs still get the API's {@code {"error": "..."}}
 * with the right status, never Jetty's HTML page; later HTTP/1.x minor versions are answered as 1.1.
 */
class WebProtocolErrorTest {
    static TestServer server;

    @BeforeAll
    static void start(@TempDir Path root) {
        server = TestServer.start(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "negative Content-Length|POST /api/v1/predict HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: -1\\r\\n\\r\\n|400",
        "dot segments kept as is|GET /static/../../etc/passwd HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n|400",
        "encoded dot segments|GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n|400",
        "unknown transfer coding|GET /v2 HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n|400",
        "URI over 8 KiB|LONG_URI|414",
        "unsupported Expect|POST /api/v1/predict HTTP/1.1\\r\\nHost: x\\r\\nExpect: 200-ok\\r\\nContent-Length: 5\\r\\n\\r\\n|417",
        "HTTP/2.0 request line|GET /v2 HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n|426",
        "HTTP/2 preface|PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n|426",
        "headers over 8 KiB|LONG_HEADER|431",
        "HTTP/3.0|GET /v2 HTTP/3.0\\r\\nHost: x\\r\\n\\r\\n|505",
        "HTTP/0.9|GET /v2\\r\\n\\r\\n|505",
    })
    void protocolErrorsAreJsonWithOneSentence(String what, String request, int status) {
        String raw = switch (request) {
            case "LONG_URI" -> "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            case "LONG_HEADER" -> "GET /v2 HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n";
            default -> request.replace("\\r\\n", "\r\n");
        };
        Http.Response response = RawResponse.parse(RawSocket.exchange(server.app.port(), raw, Duration.ofSeconds(5))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.size()).isEqualTo(1);
        String sentence = body.get("error").asText();
        assertThat(sentence).endsWith(".").doesNotContain("<").doesNotContain("\n");
        assertThat(sentence.split("\\. ")).hasSize(1);
        assertThat(server.http.get("/v2/health/live").status()).isEqualTo(200);
    }

    @Test
    void laterHttp1MinorVersionIsAnsweredAsHttp11() {
        String raw = RawSocket.exchange(server.app.port(), "GET /v2 HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5));
        Http.Response response = RawResponse.parse(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(response.json().get("name").asText()).isEqualTo("signdigits");
    }

    @Test
    void headOfThePageHasTheHeadersOfGetAndNoBody() {
        String get = RawSocket.exchange(server.app.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5));
        String head = RawSocket.exchange(server.app.port(), "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5));
        Http.Response getResponse = RawResponse.parse(get.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Http.Response headResponse = RawResponse.parse(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(headResponse.status()).isEqualTo(200);
        assertThat(headResponse.header("Content-Type")).isEqualTo(getResponse.header("Content-Type")).startsWith("text/html");
        assertThat(headResponse.header("Content-Length")).isEqualTo(getResponse.header("Content-Length"))
                .isEqualTo(Integer.toString(getResponse.body().length));
        assertThat(headResponse.body()).isEmpty();
    }
}
