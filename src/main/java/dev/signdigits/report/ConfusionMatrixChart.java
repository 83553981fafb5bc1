package dev.signdigits.report;

import dev.signdigits.eval.ConfusionMatrix;
import dev.signdigits.eval.Evaluation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The confusion matrix as a heatmap: rows are true labels, columns predictions, each cell shows its
 * count. Color is the share of the row (so rare classes are as visible as common ones): blue on
 * the diagonal (correct), red off it (mistakes).
 */
public final class ConfusionMatrixChart {
    public static final int DEFAULT_SIZE = 600;
    private static final Color CORRECT = new Color(0x1f, 0x5f, 0xb4);
    private static final Color WRONG = new Color(0xc8, 0x32, 0x2b);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private ConfusionMatrixChart() {}

    public static void write(Evaluation evaluation, Path file) {
        ImageEncoding.writePng(render(evaluation, DEFAULT_SIZE), file);
    }

    /** A square image of {@code size} pixels (at least 200). */
    public static BufferedImage render(Evaluation evaluation, int size) {
        if (size < 200) {
            throw new IllegalArgumentException("size must be at least 200 pixels, was " + size);
        }
        ConfusionMatrix m = evaluation.confusionMatrix();
        double unit = size / 600.0; // layout is designed at 600 px and scaled
        double left = 78 * unit;
        double top = 92 * unit;
        double right = 58 * unit;
        double bottom = 22 * unit;
        double cell = Math.min(size - left - right, size - top - bottom) / m.size();
        double gridWidth = cell * m.size();

        try (Canvas canvas = new Canvas(size, size)) {
            Graphics2D g = canvas.graphics();
            g.setColor(Canvas.INK);
            g.setFont(Canvas.font((float) (19 * unit), true));
            canvas.centered(title(evaluation), size / 2.0, 24 * unit);

            drawCells(canvas, m, left, top, cell);
            drawAxes(canvas, m, left, top, cell, gridWidth, unit);
            return canvas.image();
        }
    }

    static String title(Evaluation e) {
        return String.format(Locale.ROOT, "Confusion matrix \u00b7 accuracy %.1f%% (%d/%d)",
                100 * e.accuracy(), e.correct(), e.count());
    }

    private static void drawCells(Canvas canvas, ConfusionMatrix m, double left, double top, double cell) {
        Graphics2D g = canvas.graphics();
        g.setFont(Canvas.font((float) Math.max(9, Math.min(cell * 0.34, 22)), false));
        for (int t = 0; t < m.size(); t++) {
            for (int p = 0; p < m.size(); p++) {
                double fraction = m.rowFraction(t, p);
                Color fill = shade(t == p ? CORRECT : WRONG, fraction);
                Rectangle2D box = new Rectangle2D.Double(left + p * cell, top + t * cell, cell, cell);
                g.setColor(fill);
                g.fill(box);
                g.setColor(GRID);
                g.setStroke(new BasicStroke(1f));
                g.draw(box);
                int count = m.count(t, p);
                g.setColor(count == 0 ? GRID.darker() : fraction > 0.5 ? Color.WHITE : Canvas.INK);
                canvas.centered(Integer.toString(count), box.getCenterX(), box.getCenterY());
            }
        }
    }

    private static void drawAxes(Canvas canvas, ConfusionMatrix m, double left, double top, double cell,
                                 double gridWidth, double unit) {
        Graphics2D g = canvas.graphics();
        g.setColor(Canvas.INK);
        g.setFont(Canvas.font((float) (15 * unit), true));
        canvas.centered("predicted", left + gridWidth / 2, 50 * unit);
        canvas.centeredVertical("true", 20 * unit, top + gridWidth / 2);

        g.setFont(Canvas.font((float) Math.max(10, Math.min(cell * 0.32, 16 * unit)), false));
        for (int i = 0; i < m.size(); i++) {
            String label = m.labels().get(i);
            canvas.centered(canvas.fit(label, (int) cell), left + (i + 0.5) * cell, top - 14 * unit);
            canvas.centered(canvas.fit(label, (int) (36 * unit)), left - 22 * unit, top + (i + 0.5) * cell);
        }
        // row totals on the right: how many photos each row's colors are shares of
        g.setColor(Canvas.MUTED);
        g.setFont(Canvas.font((float) Math.max(9, 12 * unit), false));
        canvas.centered("n", left + gridWidth + 27 * unit, top - 14 * unit);
        for (int t = 0; t < m.size(); t++) {
            canvas.centered(Integer.toString(m.rowTotal(t)), left + gridWidth + 27 * unit, top + (t + 0.5) * cell);
        }
    }

    /** Mixes white toward {@code color} by {@code fraction}; a small floor makes any mistake visible. */
    private static Color shade(Color color, double fraction) {
        if (fraction <= 0) {
            return Color.WHITE;
        }
        double f = 0.08 + 0.92 * fraction;
        return new Color(mix(color.getRed(), f), mix(color.getGreen(), f), mix(color.getBlue(), f));
    }

    private static int mix(int channel, double f) {
        return (int) Math.round(255 + (channel - 255) * f);
    }
}
