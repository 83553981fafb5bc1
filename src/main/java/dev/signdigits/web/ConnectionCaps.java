package dev.signdigits.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address may hold open at once, so that one client cannot use up
 * the total cap ({@code NetworkConnectionLimit}) and lock everyone else out. A connection over the
 * cap is closed as soon as it opens. Behind a proxy every client shares the proxy's address: turn
 * the cap off there (0).
 */
final class ConnectionCaps implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCaps.class);

    private final int perAddress;
    private final ServiceMetrics metrics;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each connection's address, kept because a closed socket no longer reports it. */
    private final Map<Connection, InetAddress> addresses = new ConcurrentHashMap<>();

    ConnectionCaps(int perAddress, ServiceMetrics metrics) {
        this.perAddress = perAddress;
        this.metrics = metrics;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        addresses.put(connection, address);
        int now = open.merge(address, 1, Integer::sum);
        if (now > perAddress) {
            metrics.connectionClosed("per_address_cap");
            LOG.debug("closing a connection from {}: it already has {} open (cap {})", address, now - 1, perAddress);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = addresses.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
