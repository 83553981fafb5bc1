package dev.signdigits.hand;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Contact sheets for looking at what the locator and the crop do (written under target/). */
final class HandSheets {
    private HandSheets() {}

    /** A tile: the image scaled to {@code size}, with the hand's region, box and landmarks drawn. */
    static BufferedImage annotate(BufferedImage image, HandResult result, int size, String caption) {
        BufferedImage tile = new BufferedImage(size, size + 14, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double s = (double) size / Math.max(image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, (int) (image.getWidth() * s), (int) (image.getHeight() * s), null);
            if (result instanceof HandResult.Found hand) {
                g.setStroke(new BasicStroke(1.5f));
                g.setColor(Color.YELLOW);
                Path2D region = new Path2D.Double();
                double[][] c = hand.region().corners();
                region.moveTo(c[0][0] * s, c[0][1] * s);
                for (int i = 1; i < 4; i++) {
                    region.lineTo(c[i][0] * s, c[i][1] * s);
                }
                region.closePath();
                g.draw(region);
                g.setColor(Color.GREEN);
                g.drawRect((int) (hand.box().x() * s), (int) (hand.box().y() * s), (int) (hand.box().w() * s), (int) (hand.box().h() * s));
                for (int i = 0; i < hand.landmarks().size(); i++) {
                    Landmark l = hand.landmarks().get(i);
                    g.setColor(i == 0 ? Color.RED : i % 4 == 0 ? Color.MAGENTA : Color.CYAN);
                    g.fillOval((int) (l.x() * s) - 2, (int) (l.y() * s) - 2, 5, 5);
                }
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawString(caption, 2, size + 11);
        } finally {
            g.dispose();
        }
        return tile;
    }

    /** Tiles in rows of {@code columns}, written as PNG. */
    static Path write(List<BufferedImage> tiles, int columns, Path file) {
        int w = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(Math.max(1, columns * (w + 2)), Math.max(1, rows * (h + 2)), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            for (int i = 0; i < tiles.size(); i++) {
                g.drawImage(tiles.get(i), (i % columns) * (w + 2), (i / columns) * (h + 2), null);
            }
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(sheet, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
