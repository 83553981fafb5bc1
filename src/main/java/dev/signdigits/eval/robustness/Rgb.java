package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;

/** Packed-RGB pixel arrays in and out of images, and a bilinear resampling of a part of one. */
final class Rgb {
    private Rgb() {}

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static BufferedImage image(int width, int height, int[] pixels) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, pixels, 0, width);
        return out;
    }

    static int pack(int r, int g, int b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    /**
     * The rectangle {@code (x0, y0, w, h)} of {@code source} stretched to {@code width x height},
     * bilinear between pixel centres (edges repeated).
     */
    static BufferedImage stretched(BufferedImage source, int x0, int y0, int w, int h, int width, int height) {
        int[] src = source.getRGB(x0, y0, w, h, null, 0, w);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / height - 0.5));
            int y1 = (int) sy;
            int y2 = Math.min(h - 1, y1 + 1);
            double fy = sy - y1;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / width - 0.5));
                int x1 = (int) sx;
                int x2 = Math.min(w - 1, x1 + 1);
                double fx = sx - x1;
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double top = (1 - fx) * (src[y1 * w + x1] >> shift & 0xff) + fx * (src[y1 * w + x2] >> shift & 0xff);
                    double bottom = (1 - fx) * (src[y2 * w + x1] >> shift & 0xff) + fx * (src[y2 * w + x2] >> shift & 0xff);
                    rgb |= clamp(Math.round((1 - fy) * top + fy * bottom)) << shift;
                }
                out[y * width + x] = rgb;
            }
        }
        return image(width, height, out);
    }
}
