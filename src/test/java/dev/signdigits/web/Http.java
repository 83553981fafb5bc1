package dev.signdigits.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** A small java.net.http client for the tests: requests against the real server, JSON answers. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }

        String error() {
            return json().path("error").asText(null);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    Response get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    Response send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    Response post(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    Response postJson(String path, String json, String... headers) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), "application/json", headers);
    }

    /** A body of unknown length: sent chunked, so only the server's streaming check can stop it. */
    Response postChunked(String path, Supplier<InputStream> body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build());
    }

    Response multipart(String path, Multipart form, String... headers) {
        return post(path, form.body(), form.contentType(), headers);
    }

    /**
     * Sends only the headers of a POST declaring a {@code contentLength}-byte body, then reads the
     * answer until the server closes. For checks that the server refuses by the declared length
     * alone: writing the body would race the server closing the connection after refusing it.
     */
    Response declaredOnly(String path, String contentType, long contentLength) {
        URI uri = URI.create(base + path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return RawResponse.parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException stillOpenOrReset) {
            // what arrived before is the answer
        }
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body, built by hand so tests can send odd file names and empty parts. */
    static final class Multipart {
        private final String boundary = "----signdigits-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart file(String field, String filename, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        Multipart text(String field, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        byte[] body() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
