package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import dev.signdigits.web.ModelHolder;
import dev.signdigits.web.ModelSnapshot;
import dev.signdigits.web.views.IndexView;
import dev.signdigits.web.views.ModelCardView;
import dev.signdigits.web.views.Templates;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The HTML pages: {@code /} (upload, drag-and-drop, webcam), {@code /model} (model card), and the
 * model's confusion matrix image at a fixed route, read from a fixed file name in the served model's
 * directory.
 */
public final class PageRoutes {
    /** The file a model directory may hold for the model card. */
    public static final String CONFUSION_MATRIX_FILE = dev.signdigits.report.EvaluationArtifacts.CONFUSION_FILE;
    private static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:; "
            + "media-src 'self' blob:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final ModelHolder models;
    private final Templates templates;
    private final Clock clock;
    private final boolean apiKeyRequired;
    private final long maxRequestBytes;

    public PageRoutes(ModelHolder models, Templates templates, Clock clock, boolean apiKeyRequired, long maxRequestBytes) {
        this.models = models;
        this.templates = templates;
        this.clock = clock;
        this.apiKeyRequired = apiKeyRequired;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void index(Context ctx) {
        var model = models.current();
        IndexView view = new IndexView(model.map(ModelSnapshot::id).orElse(""),
                model.map(m -> m.info().labels()).orElse(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
                apiKeyRequired, maxRequestBytes, model.map(ModelSnapshot::locatesHand).orElse(false));
        html(ctx, templates.index(view));
    }

    public void modelCard(Context ctx) {
        ModelSnapshot model = served();
        List<ModelCardView.Property> properties = model.info().properties().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new ModelCardView.Property(e.getKey(), dev.signdigits.runtime.ModelInfo.forDisplay(e.getValue())))
                .toList();
        ModelCardView view = new ModelCardView(model.id(), model.info().runtime(), model.info().inputSize(),
                model.info().labels(), properties, String.valueOf(model.directory().getFileName()),
                DateTimeFormatter.ISO_INSTANT.format(model.loadedAt().truncatedTo(ChronoUnit.SECONDS)),
                readable(Duration.between(model.loadedAt(), clock.instant())), model.loadTime().toMillis(),
                model.warmupTime().toMillis(), model.tensorInput(), confusionMatrix(model) != null);
        html(ctx, templates.modelCard(view));
    }

    public void confusionMatrix(Context ctx) throws IOException {
        Path file = confusionMatrix(served());
        if (file == null || Files.size(file) > MAX_IMAGE_BYTES) {
            throw ApiException.notFound("The served model has no confusion matrix image.");
        }
        byte[] png;
        try (InputStream in = Files.newInputStream(file)) {
            png = in.readNBytes((int) MAX_IMAGE_BYTES);
        }
        if (png.length < 8 || (png[0] & 0xFF) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw ApiException.notFound("The served model's confusion matrix is not a PNG image.");
        }
        ctx.header("Cache-Control", "no-cache").contentType("image/png").result(png);
    }

    /** The fixed file in the served model's directory, if it is a regular file there (not a link out of it). */
    private static Path confusionMatrix(ModelSnapshot model) {
        Path file = model.directory().resolve(CONFUSION_MATRIX_FILE);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    private ModelSnapshot served() {
        return models.current().orElseThrow(() ->
                ApiException.unavailable("No model is loaded yet: retry shortly.", Duration.ofSeconds(1)));
    }

    private static void html(Context ctx, String page) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store")
                .html(page);
    }

    static String readable(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return "less than a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
