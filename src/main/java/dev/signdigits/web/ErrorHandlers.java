package dev.signdigits.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mapper per kind of error, each answering {@code {"error": "..."}} with its status: the
 * service's own errors, a bad image, Javalin's routing errors (404, 405, 413) and, for anything
 * client that closed the connection mid-request (499, not a server error) and, for anything
 * unexpected, a 500 that tells the client nothing internal and logs the stack trace.
 */
final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    /** The JSON error body. */
    record ErrorBody(String error) {}

    private ErrorHandlers() {}

    static void register(RoutesConfig routes, long maxRequestBytes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            answer(ctx, e.status(), e.getMessage());
        });
        routes.exception(BadImageException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> framework(ctx, e, maxRequestBytes));
        routes.exception(ClientGoneException.class, (e, ctx) -> clientGone(ctx, e));
        routes.exception(Exception.class, (e, ctx) -> {
            if (ClientGoneException.causedBy(e) || receiveDeadlineExpired(ctx)) {
                clientGone(ctx, e);
                return;
            }
            LOG.error("unexpected error on {} {}", ctx.method(), ClientText.quote(ctx.path()), e);
            answer(ctx, 500, "Internal error: the server logged the details.");
        });
    }

    /** The client went away mid-request: one line, no stack trace, and a status that no client will read. */
    private static void clientGone(Context ctx, Exception e) {
        if (receiveDeadlineExpired(ctx)) {
            LOG.info("{} {}: the request did not arrive within the receive deadline; connection closed",
                    ctx.method().name(), ClientText.quote(ctx.path()));
            answer(ctx, 408, "The request did not arrive in time: send it again.");
            return;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.info("client closed the connection during {} {} ({})", ctx.method().name(), ClientText.quote(ctx.path()),
                root.getClass().getSimpleName());
        ctx.header("Connection", "close");
        answer(ctx, ClientGoneException.STATUS, "The connection closed before the request was read.");
    }

    /** Whether {@link ReceiveDeadline} closed this request's connection (rather than the client). */
    private static boolean receiveDeadlineExpired(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request != null
                && Boolean.TRUE.equals(request.getConnectionMetaData().getAttribute(ReceiveDeadline.EXPIRED));
    }

    /** Errors Javalin raises itself: unknown route, wrong method, body over the size limit. */
    private static void framework(Context ctx, HttpResponseException e, long maxRequestBytes) {
        switch (e.getStatus()) {
            case 404 -> answer(ctx, 404, "No such route: GET /openapi.json describes the API.");
            case 405 -> {
                Map<String, String> details = e.getDetails(); // one entry: "availableMethods" -> "GET, POST"
                String allowed = details == null ? "" : String.join(", ", details.values());
                if (!allowed.isEmpty()) {
                    ctx.header("Allow", allowed);
                }
                answer(ctx, 405, "Method " + ctx.method().name() + " is not allowed here"
                        + (allowed.isEmpty() ? "" : ": use " + allowed) + ".");
            }
            case 413 -> {
                ctx.header("Connection", "close");
                answer(ctx, 413, "The request body is larger than the limit of " + maxRequestBytes
                        + " bytes: send a smaller image.");
            }
            default -> answer(ctx, e.getStatus(), e.getMessage());
        }
    }

    private static void answer(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorBody(message));
    }
}
