package dev.signdigits.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a local HTTP server: nothing here needs the internet. */
class WeightsDownloaderTest {
    private static final byte[] BODY = "pretend weights".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/weights.tflite", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void writesTheFileWhenTheChecksumMatches() throws IOException {
        Path target = tmp.resolve("raw/weights.tflite");

        WeightsDownloader.http().download(url("/weights.tflite"), target, Sha256.of(BODY));

        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
        assertThat(leftovers()).containsExactly("weights.tflite");
    }

    @Test
    void discardsAFileWithTheWrongChecksum() throws IOException {
        Path target = tmp.resolve("raw/weights.tflite");

        assertThatThrownBy(() -> WeightsDownloader.http().download(url("/weights.tflite"), target, "0".repeat(64)))
                .isInstanceOfSatisfying(SignDigitsException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT))
                .hasMessageContaining("SHA-256 is " + Sha256.of(BODY) + " but " + "0".repeat(64) + " was expected")
                .hasMessageContaining("copy the file to " + target);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void reportsAnHttpError() throws IOException {
        Path target = tmp.resolve("raw/missing.tflite");

        assertThatThrownBy(() -> WeightsDownloader.http().download(url("/missing.tflite"), target, Sha256.of(BODY)))
                .hasMessageContaining("failed (HTTP 404)")
                .hasMessageContaining(url("/missing.tflite").toString());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void reportsAnUnreachableServer() {
        URI closed = url("/weights.tflite");
        server.stop(0);

        assertThatThrownBy(() -> WeightsDownloader.http().download(closed, tmp.resolve("w.tflite"), Sha256.of(BODY)))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("Download of " + closed + " failed")
                .hasMessageContaining("copy the file to");
    }

    private java.util.List<String> leftovers() throws IOException {
        Path raw = tmp.resolve("raw");
        if (!Files.isDirectory(raw)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(raw)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
