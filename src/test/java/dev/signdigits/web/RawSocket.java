package dev.signdigits.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw bytes over a real socket to the server on loopback: requests no HTTP client would send. */
final class RawSocket {
    private RawSocket() {}

    /** Sends {@code request}, then reads until the server closes the connection or {@code timeout} passes. */
    static String exchange(int port, String request, Duration timeout) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the start of a request and closes the socket without reading: a client that went away mid-upload. */
    static void sendAndVanish(int port, String partialRequest) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
