package dev.signdigits.web.views;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** The JTE templates, precompiled at build time from {@code src/main/jte} (HTML content type: output is escaped). */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String index(IndexView view) {
        return render("index.jte", view);
    }

    public String modelCard(ModelCardView view) {
        return render("model.jte", view);
    }

    private String render(String template, Object view) {
        StringOutput out = new StringOutput();
        engine.render(template, view, out);
        return out.toString();
    }
}
