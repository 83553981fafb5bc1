package dev.signdigits.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that accept any later HTTP/1.x minor version as 1.1, as RFC 9112 (section
 * 2.6) asks of a server: "HTTP/1.2" is answered as HTTP/1.1 instead of Jetty's 505. The version is
 * rewritten in the request line while it is still in the input buffer, before the parser reads it;
 * a request line split so that the version's last digit arrives after its "HTTP/1." is left to Jetty.
 */
final class Http1MinorVersions extends HttpConnectionFactory {
    private static final byte[] PREFIX = {'H', 'T', 'T', 'P', '/', '1', '.'};

    Http1MinorVersions(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected HttpParser newHttpParser(HttpCompliance compliance) {
                HttpParser standard = super.newHttpParser(compliance);
                HttpParser parser = new Parser((HttpParser.RequestHandler) standard.getHandler(),
                        getHttpConfiguration().getRequestHeaderSize(), compliance);
                parser.setHeaderCacheSize(standard.getHeaderCacheSize());
                parser.setHeaderCacheCaseSensitive(standard.isHeaderCacheCaseSensitive());
                return parser;
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class Parser extends HttpParser {
        Parser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
            super(handler, maxHeaderBytes, compliance);
        }

        @Override
        public boolean parseNext(ByteBuffer buffer) {
            if (getState().ordinal() <= State.REQUEST_VERSION.ordinal() && !buffer.isReadOnly()) {
                normalizeVersion(buffer);
            }
            return super.parseNext(buffer);
        }
    }

    /** Turns "HTTP/1.2".."HTTP/1.9" at the end of the first line in {@code buffer} into "HTTP/1.1". */
    static void normalizeVersion(ByteBuffer buffer) {
        int start = buffer.position();
        while (start < buffer.limit() && (buffer.get(start) == '\r' || buffer.get(start) == '\n')) {
            start++;
        }
        for (int i = start; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                int end = i > start && buffer.get(i - 1) == '\r' ? i - 1 : i; // the version ends here
                int at = end - PREFIX.length - 1;
                if (at < start) {
                    return;
                }
                for (int j = 0; j < PREFIX.length; j++) {
                    if (buffer.get(at + j) != PREFIX[j]) {
                        return;
                    }
                }
                byte minor = buffer.get(end - 1);
                if (minor >= '2' && minor <= '9') {
                    buffer.put(end - 1, (byte) '1');
                }
                return;
            }
        }
    }
}
