package dev.signdigits.report;

import dev.signdigits.eval.Misclassified;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.signdigits.image.Resampling;

/**
 * A contact sheet of the misclassified photos, most confident mistakes first, each captioned
 * "true 3 → pred 5 (0.71)" with its file name. Photos come from a loader the caller supplies (it
 * knows where files live and how to decode them); a photo it cannot load gets a placeholder tile.
 */
public final class MisclassifiedSheet {
    public static final int MAX_TILES = 48;
    public static final int THUMBNAIL = 128;
    private static final int COLUMNS = 8;
    private static final int PAD = 10;
    private static final int GAP = 26; // between columns, so captions wider than a thumbnail fit
    private static final int CAPTION = 38;
    private static final int HEADER = 36;
    private static final Color TILE_BACKGROUND = new Color(0xf2, 0xf2, 0xf2);
    private static final Color WRONG = new Color(0xb0, 0x2a, 0x24);
    private static final Logger LOG = LoggerFactory.getLogger(MisclassifiedSheet.class);

    private MisclassifiedSheet() {}

    public static void write(List<Misclassified> mistakes, Function<String, BufferedImage> loader, Path file) {
        ImageEncoding.writePng(render(mistakes, loader), file);
    }

    /**
     * Renders up to {@link #MAX_TILES} mistakes in the given order; with none, a small image saying so.
     *
     * @param loader decodes a photo given its {@link Misclassified#file()}; may return null or throw
     */
    public static BufferedImage render(List<Misclassified> mistakes, Function<String, BufferedImage> loader) {
        if (mistakes.isEmpty()) {
            return nothingMisclassified();
        }
        List<Misclassified> shown = mistakes.subList(0, Math.min(MAX_TILES, mistakes.size()));
        int columns = Math.min(COLUMNS, shown.size());
        int rows = (shown.size() + columns - 1) / columns;
        int tileWidth = THUMBNAIL + GAP;
        int tileHeight = THUMBNAIL + CAPTION + PAD;
        int margin = PAD + GAP / 2; // captions overhang their thumbnail by up to GAP / 2
        int width = Math.max(columns * tileWidth - GAP + 2 * margin, 420);
        int height = HEADER + rows * tileHeight + PAD;

        try (Canvas canvas = new Canvas(width, height)) {
            Graphics2D g = canvas.graphics();
            g.setColor(Canvas.INK);
            g.setFont(Canvas.font(15f, true));
            String header = shown.size() == mistakes.size()
                    ? mistakes.size() + " misclassified, most confident first"
                    : "first " + shown.size() + " of " + mistakes.size() + " misclassified, most confident first";
            g.drawString(header, margin, 24);
            for (int i = 0; i < shown.size(); i++) {
                int x = margin + (i % columns) * tileWidth;
                int y = HEADER + (i / columns) * tileHeight;
                drawTile(canvas, shown.get(i), loader, x, y);
            }
            return canvas.image();
        }
    }

    /** The caption under a tile, e.g. "true 3 → pred 5 (0.71)". */
    public static String caption(Misclassified m, String arrow) {
        return String.format(Locale.ROOT, "true %s %s pred %s (%.2f)", m.trueLabel(), arrow, m.predictedLabel(),
                m.confidence());
    }

    private static void drawTile(Canvas canvas, Misclassified m, Function<String, BufferedImage> loader, int x, int y) {
        Graphics2D g = canvas.graphics();
        g.setColor(TILE_BACKGROUND);
        g.fillRect(x, y, THUMBNAIL, THUMBNAIL);
        BufferedImage photo = load(loader, m.file());
        if (photo != null) {
            BufferedImage thumb = Resampling.fit(photo, THUMBNAIL);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(thumb, x + (THUMBNAIL - thumb.getWidth()) / 2, y + (THUMBNAIL - thumb.getHeight()) / 2, null);
        } else {
            g.setColor(Canvas.MUTED);
            g.setFont(Canvas.font(12f, false));
            canvas.centered("(unreadable)", x + THUMBNAIL / 2.0, y + THUMBNAIL / 2.0);
        }
        g.setColor(WRONG);
        String caption = caption(m, Canvas.arrow(Canvas.font(12.5f, true)));
        // shrink long captions (long label names) rather than cut them: every part matters
        float size = 12.5f;
        g.setFont(Canvas.font(size, true));
        while (size > 8 && g.getFontMetrics().stringWidth(caption) > THUMBNAIL + GAP - 4) {
            size -= 0.5f;
            g.setFont(Canvas.font(size, true));
        }
        canvas.centered(canvas.fit(caption, THUMBNAIL + GAP - 4), x + THUMBNAIL / 2.0, y + THUMBNAIL + 11);
        g.setColor(Canvas.MUTED);
        g.setFont(Canvas.font(10.5f, false));
        canvas.centered(canvas.fit(m.file(), THUMBNAIL), x + THUMBNAIL / 2.0, y + THUMBNAIL + 27);
    }

    private static BufferedImage load(Function<String, BufferedImage> loader, String file) {
        try {
            return loader.apply(file);
        } catch (RuntimeException e) {
            // one bad photo must not cost the whole report; the tile says so
            LOG.warn("Could not load {} for the misclassified sheet: {}", file, e.getMessage());
            return null;
        }
    }

    private static BufferedImage nothingMisclassified() {
        try (Canvas canvas = new Canvas(420, 80)) {
            canvas.graphics().setColor(new Color(0x2e, 0x7d, 0x32));
            canvas.graphics().setFont(Canvas.font(18f, true));
            canvas.centered("No misclassified photos", 210, 40);
            return canvas.image();
        }
    }
}
