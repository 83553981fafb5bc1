package dev.signdigits.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A total deadline for receiving a request: its line, headers and body must all have arrived within
 * {@code limit} of its first byte. The idle timeout alone restarts on every byte, so a client that
 * trickles one byte every few seconds (slowloris) would keep its connection forever. A sweep a few
 * times a second closes every connection whose request is still being received past the limit;
 * one still in its headers gets a 408 first, one in its body has its pending read failed as by an
 * idle timeout (the handler answers 408, see ErrorHandlers). Time spent after the body arrived (queueing,
 * inference, writing the answer) is not counted: the request timeout covers that.
 */
final class ReceiveDeadline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveDeadline.class);
    /** Connection attribute set on a connection this deadline closed, so the request is counted as 408. */
    static final String EXPIRED = "signdigits.receiveDeadlineExpired";

    private final AbstractConnector connector;
    private final long limitNanos;
    private final ServiceMetrics metrics;
    private final ScheduledExecutorService sweeper;

    private ReceiveDeadline(AbstractConnector connector, Duration limit, ServiceMetrics metrics) {
        this.connector = connector;
        this.limitNanos = limit.toNanos();
        this.metrics = metrics;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receive-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sweeps every tenth of the limit (at least every 250 ms, at most every 10 ms). */
    static ReceiveDeadline start(AbstractConnector connector, Duration limit, ServiceMetrics metrics) {
        ReceiveDeadline deadline = new ReceiveDeadline(connector, limit, metrics);
        long period = sweepPeriodMillis(limit);
        deadline.sweeper.scheduleWithFixedDelay(deadline::sweep, period, period, TimeUnit.MILLISECONDS);
        return deadline;
    }

    /** How often connections are checked: a connection is closed at most this long after its deadline. */
    static long sweepPeriodMillis(Duration limit) {
        return Math.max(10, Math.min(250, limit.toMillis() / 10));
    }

    private void sweep() {
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection connection) {
                    check(endPoint, connection);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("receive deadline sweep failed: {}", e.toString());
        }
    }

    private void check(EndPoint endPoint, HttpConnection connection) {
        HttpParser parser = connection.getParser();
        long began = parser.getBeginNanoTime(); // first byte of the current request; 0 between requests
        boolean receiving = parser.inHeaderState() || parser.inContentState();
        if (began == 0 || !receiving || NanoTime.since(began) <= limitNanos || !endPoint.isOpen()) {
            return;
        }
        connection.setAttribute(EXPIRED, Boolean.TRUE);
        metrics.connectionClosed("receive_timeout");
        LOG.debug("closing {}: request not received within {} ms", endPoint.getRemoteSocketAddress(),
                limitNanos / 1_000_000);
        if (parser.inHeaderState()) { // no response started yet: say why before closing
            endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), timeoutAnswer());
        } else if (connection.onIdleExpired(new TimeoutException("request not received within the receive deadline"))) {
            endPoint.close(); // as Jetty's idle timeout does: a pending body read fails, and the handler answers 408
        }
    }

    private static ByteBuffer timeoutAnswer() {
        String body = "{\"error\":\"The request did not arrive in time: send it again.\"}";
        return ByteBuffer.wrap(("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
