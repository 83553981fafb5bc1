package dev.signdigits.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests that never reach a route: unparseable request lines, oversized URIs or
 * headers, unknown HTTP versions, unsupported {@code Expect} values, ambiguous paths. Jetty writes
 * these as HTML pages by default; the API promises {@code {"error": "one sentence"}} for every answer.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxHeaderBytes;

    JsonErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Errors found while parsing, before there is a request: Jetty asks only for the body. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Errors on a parsed request that Jetty refuses before any route (e.g. an ambiguous path). */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    private byte[] body(int status, String reason) {
        try {
            return JSON.writeValueAsBytes(new ErrorHandlers.ErrorBody(sentence(status, reason)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One sentence saying what was wrong and what to do; Jetty's reason is kept where it names the fault. */
    String sentence(int status, String reason) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP/1.1" + detail(status, reason) + ": fix the request line and headers.";
            case 408 -> "The request did not arrive in time: send it again.";
            case 413 -> "The request is larger than the server accepts: send a smaller one.";
            case 414 -> "The request URI is too long (the request line and headers may take " + maxHeaderBytes
                    + " bytes): shorten it.";
            case 417 -> "Only 'Expect: 100-continue' is supported: leave out the Expect header.";
            case 426 -> "This port speaks HTTP/1.1 only: send the request over HTTP/1.1.";
            case 431 -> "The request headers are larger than the limit of " + maxHeaderBytes
                    + " bytes: send fewer or shorter headers.";
            case 505 -> "This HTTP version is not supported: use HTTP/1.1.";
            default -> (reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : ClientText.quote(reason))
                    + ": see GET /openapi.json for the API.";
        };
    }

    private static String detail(int status, String reason) {
        if (reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))) {
            return "";
        }
        return " (" + ClientText.quote(reason) + ")";
    }
}
