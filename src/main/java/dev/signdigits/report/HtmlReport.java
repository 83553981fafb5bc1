package dev.signdigits.report;

import dev.signdigits.io.AtomicFiles;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The run's {@code report.html}: one self-contained file (inline CSS, images as data URIs, no
 * external resources) that can be mailed or archived. Rendered with the precompiled JTE template
 * {@code report/report.jte} in HTML mode, so every value (file names included) is escaped.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";
    private static final String TEMPLATE = "report/report.jte";
    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, HtmlReport.class.getClassLoader());

    private HtmlReport() {}

    /**
     * @param imageLoader decodes a photo given its evaluation file name, for the misclassified sheet
     */
    public static String render(ReportData data, Function<String, BufferedImage> imageLoader) {
        StringOutput out = new StringOutput();
        ENGINE.render(TEMPLATE, ReportViews.of(data, imageLoader), out);
        return out.toString();
    }

    public static void write(ReportData data, Function<String, BufferedImage> imageLoader, Path file) {
        AtomicFiles.writeString(file, render(data, imageLoader));
    }
}
