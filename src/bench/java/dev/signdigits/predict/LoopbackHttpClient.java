package dev.signdigits.predict;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The leanest HTTP/1.1 client for timing a server on loopback: one kept-alive socket with
 * TCP_NODELAY, each request's headers and body in one write, the answer read by its
 * Content-Length. {@link java.net.HttpURLConnection} adds 1-1.5 ms per request on a 2-core machine
 * (its own buffering and header handling, measured side by side in the same run), which is the
 * client's cost, not the server's. Not thread-safe; answers with chunked bodies are refused.
 */
final class LoopbackHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    /** A response: status code and body text. */
    record Response(int status, String body) {}

    LoopbackHttpClient(String host, int port) {
        this.host = host;
        try {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    Response post(String path, String contentType, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        try {
            out.write(request);
            out.flush();
            String status = line();
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IllegalStateException("the server answered with " + header + "; this client reads Content-Length bodies only");
                }
            }
            if (length < 0) {
                throw new IllegalStateException("the answer to " + path + " has no Content-Length");
            }
            String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(status.split(" ")[1]), text);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + host + path + " failed", e);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a loopback socket after the run: nothing to do
        }
    }
}
