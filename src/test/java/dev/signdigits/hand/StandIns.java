package dev.signdigits.hand;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stand-ins for photo sets we cannot ship, built deterministically (seeded) from given photos:
 * "phone-like" frames (a photo small in a 640x480 frame, turned, over varied backgrounds) and
 * "no hand" frames (the ImageNet samples, blank, gradient and noise frames, background-only
 * corners of dataset photos). Build them from the grouped test split only when reporting, from
 * the validation split when tuning. Everything depends only on the inputs and the seed.
 */
final class StandIns {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private StandIns() {}

    /**
     * A frame of a stand-in set.
     *
     * @param name    for reports
     * @param image   640x480 (or the sample's own size) RGB
     * @param label   the digit shown, or null for no hand
     * @param bounds  where the pasted photo lies (its rotated square's bounding box), or null
     * @param corners the pasted photo's four corners, or null
     */
    record Frame(String name, BufferedImage image, String label, Box bounds, double[][] corners) {
        boolean hasHand() {
            return label != null;
        }
    }

    /** Each photo scaled to 15-40% of the frame width, turned up to 25 degrees either way, at a random place over a random background. */
    static List<Frame> phoneLike(List<HandTestData.LabeledPhoto> photos, List<Path> sceneries, long seed) {
        List<BufferedImage> scenes = sceneries.stream().map(HandTestData::read).toList();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            Random random = new Random(seed * 1_000_003L + i);
            HandTestData.LabeledPhoto photo = photos.get(i);
            BufferedImage hand = HandTestData.read(photo.file());
            BufferedImage other = HandTestData.read(photos.get((i + 1 + random.nextInt(Math.max(1, photos.size() - 1))) % photos.size()).file());
            BufferedImage frame = background(random, random.nextInt(4), scenes, other);
            double width = WIDTH * (0.15 + 0.25 * random.nextDouble());
            double angle = Math.toRadians(-25 + 50 * random.nextDouble());
            double scale = width / hand.getWidth();
            double w = hand.getWidth() * scale;
            double h = hand.getHeight() * scale;
            double extent = Math.abs(w * Math.cos(angle)) + Math.abs(h * Math.sin(angle));
            double extentY = Math.abs(w * Math.sin(angle)) + Math.abs(h * Math.cos(angle));
            double cx = extent / 2 + random.nextDouble() * (WIDTH - extent);
            double cy = extentY / 2 + random.nextDouble() * (HEIGHT - extentY);
            AffineTransform t = new AffineTransform();
            t.translate(cx, cy);
            t.rotate(angle);
            t.scale(scale, scale);
            t.translate(-hand.getWidth() / 2.0, -hand.getHeight() / 2.0);
            Graphics2D g = frame.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.drawImage(hand, t, null);
            } finally {
                g.dispose();
            }
            double[][] corners = new double[4][];
            double[][] unit = {{0, 0}, {hand.getWidth(), 0}, {hand.getWidth(), hand.getHeight()}, {0, hand.getHeight()}};
            for (int k = 0; k < 4; k++) {
                Point2D p = t.transform(new Point2D.Double(unit[k][0], unit[k][1]), null);
                corners[k] = new double[] {p.getX(), p.getY()};
            }
            Box bounds = new Box(cx - extent / 2, cy - extentY / 2, extent, extentY);
            frames.add(new Frame("phone-like " + photo.file().getParent().getFileName() + "/" + photo.file().getFileName(),
                    frame, photo.label(), bounds, corners));
        }
        return frames;
    }

    /**
     * Frames without a hand: the sample photos as they are and three random crops of each scaled
     * to 640x480, 10 blank frames, 20 gradients, 20 noise textures, and background-only corners
     * of the given dataset photos (top-left or top-right 22%, scaled up), one per photo up to 30.
     */
    static List<Frame> noHand(List<Path> sceneries, List<HandTestData.LabeledPhoto> photosForBorders, long seed) {
        List<Frame> frames = new ArrayList<>();
        Random random = new Random(seed);
        for (Path scenery : sceneries) {
            BufferedImage image = HandTestData.read(scenery);
            frames.add(new Frame("sample " + scenery.getFileName(), image, null, null, null));
            for (int k = 0; k < 3; k++) {
                frames.add(new Frame("sample crop " + k + " " + scenery.getFileName(), cropTo(image, random), null, null, null));
            }
        }
        int[] blanks = {0x000000, 0xffffff, 0x808080, 0x202020, 0xe0e0e0, 0xc8b496, 0x3050a0, 0xa03030, 0x30a040, 0xd0c0b0};
        for (int rgb : blanks) {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            fill(image, new Color(rgb));
            frames.add(new Frame(String.format("blank %06x", rgb), image, null, null, null));
        }
        for (int k = 0; k < 20; k++) {
            frames.add(new Frame("gradient " + k, background(random, 0, List.of(), null), null, null, null));
        }
        for (int k = 0; k < 20; k++) {
            frames.add(new Frame("noise " + k, background(random, 1, List.of(), null), null, null, null));
        }
        for (int k = 0; k < Math.min(30, photosForBorders.size()); k++) {
            HandTestData.LabeledPhoto photo = photosForBorders.get(k * photosForBorders.size() / Math.min(30, photosForBorders.size()));
            BufferedImage image = HandTestData.read(photo.file());
            int side = Math.max(1, (int) (image.getWidth() * 0.22));
            int x = random.nextBoolean() ? 0 : image.getWidth() - side;
            frames.add(new Frame("corner " + photo.file().getParent().getFileName() + "/" + photo.file().getFileName(),
                    scaled(image.getSubimage(x, 0, side, side), WIDTH, HEIGHT), null, null, null));
        }
        return frames;
    }

    /** 0 gradient, 1 noise texture, 2 a crop of a sample photo, 3 a side strip of another dataset photo. */
    static BufferedImage background(Random random, int kind, List<BufferedImage> scenes, BufferedImage otherPhoto) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        switch (scenes.isEmpty() && kind == 2 || otherPhoto == null && kind == 3 ? 0 : kind) {
            case 0 -> {
                Graphics2D g = frame.createGraphics();
                g.setPaint(new GradientPaint(random.nextInt(WIDTH), random.nextInt(HEIGHT), randomColor(random),
                        random.nextInt(WIDTH), random.nextInt(HEIGHT), randomColor(random)));
                g.fillRect(0, 0, WIDTH, HEIGHT);
                g.dispose();
            }
            case 1 -> noise(frame, random);
            case 2 -> {
                return cropTo(scenes.get(random.nextInt(scenes.size())), random);
            }
            default -> {
                // a left or right strip: wall (the hand is central; the bottom edge holds the arm)
                int strip = Math.max(1, otherPhoto.getWidth() / 6);
                boolean left = random.nextBoolean();
                return scaled(otherPhoto.getSubimage(left ? 0 : otherPhoto.getWidth() - strip, 0, strip, otherPhoto.getHeight()), WIDTH, HEIGHT);
            }
        }
        return frame;
    }

    /** Smooth random blotches (a coarse random grid, bilinear) plus fine grain. */
    private static void noise(BufferedImage frame, Random random) {
        int cells = 4 + random.nextInt(12);
        BufferedImage coarse = new BufferedImage(cells, cells * 3 / 4 + 1, BufferedImage.TYPE_INT_RGB);
        Color base = randomColor(random);
        for (int y = 0; y < coarse.getHeight(); y++) {
            for (int x = 0; x < coarse.getWidth(); x++) {
                int d = random.nextInt(120) - 60;
                coarse.setRGB(x, y, new Color(clamp(base.getRed() + d + random.nextInt(30)), clamp(base.getGreen() + d + random.nextInt(30)),
                        clamp(base.getBlue() + d + random.nextInt(30))).getRGB());
            }
        }
        BufferedImage smooth = scaled(coarse, WIDTH, HEIGHT);
        int grain = 5 + random.nextInt(25);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = smooth.getRGB(x, y);
                int n = random.nextInt(2 * grain + 1) - grain;
                frame.setRGB(x, y, new Color(clamp(((rgb >> 16) & 0xff) + n), clamp(((rgb >> 8) & 0xff) + n), clamp((rgb & 0xff) + n)).getRGB());
            }
        }
    }

    private static BufferedImage cropTo(BufferedImage image, Random random) {
        double fraction = 0.5 + 0.5 * random.nextDouble();
        int w = Math.max(1, (int) (image.getWidth() * fraction));
        int h = Math.max(1, Math.min(image.getHeight(), w * HEIGHT / WIDTH));
        int x = random.nextInt(image.getWidth() - w + 1);
        int y = random.nextInt(image.getHeight() - h + 1);
        return scaled(image.getSubimage(x, y, w, h), WIDTH, HEIGHT);
    }

    static BufferedImage scaled(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void fill(BufferedImage image, Color color) {
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Whether a found hand lies on the pasted photo: most of its landmark box inside the photo's bounds. */
    static boolean onThePhoto(HandResult result, Frame frame) {
        if (!(result instanceof HandResult.Found hand) || frame.bounds() == null) {
            return false;
        }
        Box box = hand.box();
        Box b = frame.bounds();
        double ix = Math.min(box.x() + box.w(), b.x() + b.w()) - Math.max(box.x(), b.x());
        double iy = Math.min(box.y() + box.h(), b.y() + b.h()) - Math.max(box.y(), b.y());
        return ix > 0 && iy > 0 && ix * iy >= 0.8 * box.area() && box.area() >= 0.05 * b.area();
    }
}
