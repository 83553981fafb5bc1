package dev.signdigits.web.routes;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /metrics} (Prometheus text format) and {@code GET /openapi.json} (the API, described). */
public final class OpsRoutes {
    private static final String OPENAPI_RESOURCE = "/web/openapi.json";

    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    public OpsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }
}
