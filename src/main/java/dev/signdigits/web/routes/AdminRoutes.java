package dev.signdigits.web.routes;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signdigits.SignDigitsException;
import dev.signdigits.web.ApiException;
import dev.signdigits.web.ModelHolder;
import io.javalin.http.Context;

/**
 * {@code POST /admin/reload}: loads the model the configured {@code --model} path points at now
 * (never a path from the request), warms it up and swaps it in; requests keep being served by the
 * old model meanwhile. A model that fails to load leaves the old one serving and gives 409: the
 * server is fine, the model the pointer leads to is not (the sentence says why).
 */
public final class AdminRoutes {
    private final ModelHolder models;

    public AdminRoutes(ModelHolder models) {
        this.models = models;
    }

    record Reloaded(String model, String previous, @JsonProperty("load_ms") long loadMs,
                    @JsonProperty("warmup_ms") long warmupMs) {}

    public void reload(Context ctx) {
        try {
            ModelHolder.ReloadResult result = models.reload();
            ctx.json(new Reloaded(result.loaded().id(), result.previousId().orElse(null),
                    result.loaded().loadTime().toMillis(), result.loaded().warmupTime().toMillis()));
        } catch (RuntimeException e) { // a runtime's own load error is about the model too, not this server
            String serving = models.current().map(m -> "still serving '" + m.id() + "'").orElse("no model is served");
            String reason = e instanceof SignDigitsException ? e.getMessage()
                    : "the model at " + models.source() + " did not load (" + e.getMessage() + ").";
            throw new ApiException(409, "Reload failed, " + serving + ": " + reason);
        }
    }
}
