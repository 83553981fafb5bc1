package dev.signdigits.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The ImageNet sample photos in ../shared and a resize-to-square helper for feeding both runtimes. */
public final class SampleImages {
    static final Path SHARED = Path.of("..", "shared");
    public static final Path PRETRAINED = SHARED.resolve("pretrained");
    static final Path SAMPLES = PRETRAINED.resolve("imagenet-samples");

    private SampleImages() {}

    static List<Path> photos() {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(Path photo) {
        try {
            BufferedImage image = ImageIO.read(photo.toFile());
            if (image == null) {
                throw new IllegalStateException("ImageIO cannot decode " + photo);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Squashes the image to size x size (bilinear) and returns interleaved RGB bytes, row-major. */
    static byte[] squareRgb(BufferedImage image, int size) {
        BufferedImage square = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        int[] argb = square.getRGB(0, 0, size, size, null, 0, size);
        byte[] rgb = new byte[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return rgb;
    }

    static List<String> labels() {
        try {
            return Files.readAllLines(PRETRAINED.resolve("imagenet_labels.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
