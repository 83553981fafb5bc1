package dev.signdigits.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * An opaque RGB image with an anti-aliased Graphics2D and the text helpers our charts need.
 * Close it to dispose the graphics; the image stays usable.
 */
final class Canvas implements AutoCloseable {
    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x77, 0x77, 0x77);

    private final BufferedImage image;
    private final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(INK);
    }

    static Font font(float size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    /** "→" where the font has it (DejaVu, Liberation do), "->" on a bare system. */
    static String arrow(Font font) {
        return font.canDisplay('\u2192') ? "\u2192" : "->";
    }

    Graphics2D graphics() {
        return g;
    }

    BufferedImage image() {
        return image;
    }

    /** Draws {@code text} centered on (cx, cy), both horizontally and vertically. */
    void centered(String text, double cx, double cy) {
        FontMetrics fm = g.getFontMetrics();
        float x = (float) (cx - fm.stringWidth(text) / 2.0);
        float y = (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0);
        g.drawString(text, x, y);
    }

    /** Draws {@code text} centered on (cx, cy), rotated a quarter turn counter-clockwise (a y-axis title). */
    void centeredVertical(String text, double cx, double cy) {
        var saved = g.getTransform();
        g.rotate(-Math.PI / 2, cx, cy);
        centered(text, cx, cy);
        g.setTransform(saved);
    }

    /** Shortens {@code text} with an ellipsis until it fits {@code maxWidth} pixels in the current font. */
    String fit(String text, int maxWidth) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= maxWidth) {
            return text;
        }
        String shortened = text;
        while (!shortened.isEmpty() && fm.stringWidth("\u2026" + shortened) > maxWidth) {
            shortened = shortened.substring(1); // keep the end: file names differ there
        }
        return "\u2026" + shortened;
    }

    @Override
    public void close() {
        g.dispose();
    }
}
