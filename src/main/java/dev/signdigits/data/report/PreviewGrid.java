package dev.signdigits.data.report;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.image.DecodedImage;
import dev.signdigits.image.ImageDecodeException;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.LabeledFile;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import dev.signdigits.image.Resampling;

/**
 * A labelled contact sheet with one photo per class (the first that decodes, in path order), five
 * per row: each tile is the centre square of the photo with its digit underneath.
 */
public final class PreviewGrid {
    private static final int COLUMNS = 5;
    private static final int MARGIN = 16;
    private static final int GAP = 12;
    private static final int CAPTION = 34;
    private static final int TITLE = 40;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color FRAME = new Color(0xD0D4DA);
    private static final Color INK = new Color(0x1F2933);

    private PreviewGrid() {}

    /** One example of each class, in label order. */
    public record Example(String label, LabeledFile file, BufferedImage image) {}

    public static List<Example> pickExamples(DatasetIndex index, ImageDecoder decoder) {
        List<Example> examples = new ArrayList<>();
        for (int label = 0; label < index.labels().size(); label++) {
            Example example = null;
            for (LabeledFile file : index.entries()) {
                if (file.label() != label) {
                    continue;
                }
                try {
                    DecodedImage image = decoder.decode(index.resolve(file));
                    example = new Example(index.labels().get(label), file, image.rgb());
                    break;
                } catch (ImageDecodeException e) {
                    // try the next photo of this class
                }
            }
            if (example == null) {
                throw new SignDigitsException("No photo of class " + index.labels().get(label) + " in " + index.root()
                        + " can be decoded: run 'signdigits data stats' to see why.");
            }
            examples.add(example);
        }
        return examples;
    }

    public static BufferedImage render(List<Example> examples, int tile, String title) {
        int rows = (examples.size() + COLUMNS - 1) / COLUMNS;
        int columns = Math.min(COLUMNS, examples.size());
        int width = 2 * MARGIN + columns * tile + (columns - 1) * GAP;
        int height = 2 * MARGIN + TITLE + rows * (tile + CAPTION) + (rows - 1) * GAP;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
            drawCentred(g, title, width / 2, MARGIN + TITLE / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            for (int i = 0; i < examples.size(); i++) {
                int x = MARGIN + (i % COLUMNS) * (tile + GAP);
                int y = MARGIN + TITLE + (i / COLUMNS) * (tile + CAPTION + GAP);
                g.drawImage(Resampling.resize(Resampling.centerSquare(examples.get(i).image()), tile, tile), x, y, null);
                g.setColor(FRAME);
                g.drawRect(x, y, tile - 1, tile - 1);
                g.setColor(INK);
                drawCentred(g, examples.get(i).label(), x + tile / 2, y + tile + CAPTION / 2);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static void drawCentred(Graphics2D g, String text, int centreX, int centreY) {
        FontMetrics metrics = g.getFontMetrics();
        int x = centreX - metrics.stringWidth(text) / 2;
        int y = centreY + (metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(text, x, y);
    }
}
