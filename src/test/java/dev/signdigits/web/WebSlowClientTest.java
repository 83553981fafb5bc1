package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and greedy clients over real sockets: a request that trickles in a byte at a time (which
 * resets the idle timer on every byte) is cut off at the receive deadline, measured from its first
 * byte, while a normal client keeps getting answers; one address cannot hold more connections than
 * its cap.
 */
class WebSlowClientTest {
    static final Duration RECEIVE = Duration.ofMillis(1500);
    static final int PER_ADDRESS = 6;
    static TestServer server;

    @BeforeAll
    static void start(@TempDir Path root) {
        server = TestServer.start(root, b -> b.receiveTimeout(RECEIVE).requestTimeout(Duration.ofSeconds(10))
                .maxConnectionsPerAddress(PER_ADDRESS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientTricklingItsHeadersIsClosedAtTheReceiveDeadlineWithA408() throws Exception {
        Trickle trickle = Trickle.open("GET /v2/health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(200));
        int normalAnswers = 0;
        while (!trickle.done() && trickle.elapsed().compareTo(RECEIVE.multipliedBy(3)) < 0) {
            assertThat(server.http.get("/v2/health/live").status()).isEqualTo(200); // the others are served meanwhile
            normalAnswers++;
            Thread.sleep(100);
        }
        Trickle.Result result = trickle.await();

        assertThat(result.closedAfter()).isGreaterThanOrEqualTo(RECEIVE)
                .isLessThan(RECEIVE.plusMillis(ReceiveDeadline.sweepPeriodMillis(RECEIVE) + 1000));
        assertThat(result.answer()).startsWith("HTTP/1.1 408").contains("application/json").contains("{\"error\":");
        assertThat(normalAnswers).isGreaterThan(3);
    }

    @Test
    void clientTricklingItsBodyIsClosedAtTheReceiveDeadline() throws Exception {
        double before = closedForTimeout();
        Trickle trickle = Trickle.open("POST /api/v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                + "Content-Length: 1000\r\n\r\n", "x".repeat(1000));
        Trickle.Result result = trickle.await();

        assertThat(result.closedAfter()).isGreaterThanOrEqualTo(RECEIVE)
                .isLessThan(RECEIVE.plusMillis(ReceiveDeadline.sweepPeriodMillis(RECEIVE) + 1000));
        assertThat(result.answer()).doesNotStartWith("HTTP/1.1 2");
        assertThat(closedForTimeout()).isGreaterThan(before);
    }

    @Test
    void oneAddressCannotHoldMoreConnectionsThanItsCap() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(new Socket("127.0.0.1", server.app.port()));
            }
            Thread.sleep(200); // let the server register them
            try (Socket extra = new Socket("127.0.0.1", server.app.port())) {
                extra.setSoTimeout(5000);
                long started = System.nanoTime();
                assertThat(extra.getInputStream().read()).isEqualTo(-1); // closed at once, not after the idle timeout
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Thread.sleep(200);
        assertThat(server.http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(server.http.get("/metrics").text())
                .contains("signdigits_http_connections_closed_total{reason=\"per_address_cap\"}");
    }

    private static double closedForTimeout() {
        return server.http.get("/metrics").text().lines()
                .filter(l -> l.startsWith("signdigits_http_connections_closed_total{reason=\"receive_timeout\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A client that sends {@code head} then {@code rest} one byte every 100 ms, reading whatever comes back. */
    static final class Trickle {
        record Result(Duration closedAfter, String answer) {}

        private final Socket socket;
        private final long started = System.nanoTime();
        private final Thread writer;
        private volatile Result result;

        private Trickle(Socket socket, String head, String rest) {
            this.socket = socket;
            this.writer = daemon(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.substring(0, 1).getBytes(StandardCharsets.ISO_8859_1));
                    for (char c : (head.substring(1) + rest).toCharArray()) {
                        Thread.sleep(100);
                        out.write(c);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: expected
                }
            });
            daemon(this::read);
        }

        private static Thread daemon(Runnable task) {
            Thread thread = new Thread(task, "trickle");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        static Trickle open(String head) throws IOException {
            return open(head, "");
        }

        static Trickle open(String head, String rest) throws IOException {
            Socket socket = new Socket("127.0.0.1", server.app.port());
            socket.setSoTimeout(30_000);
            return new Trickle(socket, head, rest);
        }

        private void read() {
            StringBuilder answer = new StringBuilder();
            try (socket) {
                InputStream in = socket.getInputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    answer.append((char) b);
                }
            } catch (SocketTimeoutException e) {
                answer.append("(no close within 30 s)");
            } catch (IOException e) {
                // reset by the server: closed
            }
            result = new Result(elapsed(), answer.toString());
            writer.interrupt();
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }

        boolean done() {
            return result != null;
        }

        Result await() throws InterruptedException {
            while (result == null) {
                Thread.sleep(20);
            }
            return result;
        }
    }
}
