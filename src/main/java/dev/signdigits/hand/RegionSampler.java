package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Cuts a {@link RotatedRect} out of a frame into a {@code size x size} square with an affine
 * warp and bilinear sampling: output pixel {@code (i, j)} samples the frame at the region's unit
 * point {@code ((i + 0.5) / size, (j + 0.5) / size)}, with frame pixel {@code (x, y)} covering
 * {@code [x, x+1) x [y, y+1)}. No smoothing before downscaling, like MediaPipe's CPU warp.
 */
public final class RegionSampler {
    private RegionSampler() {}

    /** The region as NHWC floats, RGB in [0, 1]: a TFLite input tensor. */
    public static float[] toTensor(RgbFrame frame, RotatedRect region, int size, Border border) {
        int[] rgb = new int[size * size];
        sample(frame, region, size, border, rgb);
        float[] out = new float[rgb.length * 3];
        for (int index = 0; index < rgb.length; index++) {
            int p = rgb[index];
            out[3 * index] = ((p >> 16) & 0xff) / 255f;
            out[3 * index + 1] = ((p >> 8) & 0xff) / 255f;
            out[3 * index + 2] = (p & 0xff) / 255f;
        }
        return out;
    }

    /** The region as a {@code TYPE_INT_RGB} image. */
    public static BufferedImage toImage(RgbFrame frame, RotatedRect region, int size, Border border) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        sample(frame, region, size, border, ((DataBufferInt) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    /** Fills {@code out} (row-major, {@code size x size}) with the region's packed RGB. */
    private static void sample(RgbFrame frame, RotatedRect region, int size, Border border, int[] out) {
        double step = 1.0 / size;
        double cos = Math.cos(region.rotation());
        double sin = Math.sin(region.rotation());
        // image position (in pixel-centre coordinates) moves by (ax, ay) per output column and (bx, by) per row
        double ax = region.width() * step * cos;
        double ay = region.width() * step * sin;
        double bx = -region.height() * step * sin;
        double by = region.height() * step * cos;
        double[] origin = region.fromUnit(0.5 * step, 0.5 * step);
        int[] pixels = frame.pixels();
        int w = frame.width();
        int h = frame.height();
        for (int j = 0; j < size; j++) {
            double x = origin[0] + j * bx - 0.5;
            double y = origin[1] + j * by - 0.5;
            for (int i = 0; i < size; i++) {
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
                    // all four neighbours inside the frame (most samples): no border rules to apply
                    int at = y0 * w + x0;
                    out[j * size + i] = blend(pixels[at], pixels[at + 1], pixels[at + w], pixels[at + w + 1], x - x0, y - y0);
                } else {
                    out[j * size + i] = bilinear(frame, x, y, border);
                }
                x += ax;
                y += ay;
            }
        }
    }

    private static int bilinear(RgbFrame frame, double x, double y, Border border) {
        int w = frame.width();
        int h = frame.height();
        if (border == Border.ZERO && (x <= -1 || y <= -1 || x >= w || y >= h || Double.isNaN(x) || Double.isNaN(y))) {
            return 0;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        return blend(pixel(frame, x0, y0, border), pixel(frame, x0 + 1, y0, border), pixel(frame, x0, y0 + 1, border),
                pixel(frame, x0 + 1, y0 + 1, border), x - x0, y - y0);
    }

    /** Bilinear mix of four packed RGB pixels, each channel rounded half up. */
    private static int blend(int p00, int p10, int p01, int p11, double fx, double fy) {
        double gx = 1 - fx;
        double gy = 1 - fy;
        return channel(p00 >> 16, p10 >> 16, p01 >> 16, p11 >> 16, fx, gx, fy, gy) << 16
                | channel(p00 >> 8, p10 >> 8, p01 >> 8, p11 >> 8, fx, gx, fy, gy) << 8
                | channel(p00, p10, p01, p11, fx, gx, fy, gy);
    }

    /** One channel (the low byte of each argument) of the bilinear mix. */
    private static int channel(int p00, int p10, int p01, int p11, double fx, double gx, double fy, double gy) {
        double top = (p00 & 0xff) * gx + (p10 & 0xff) * fx;
        double bottom = (p01 & 0xff) * gx + (p11 & 0xff) * fx;
        int v = (int) (top * gy + bottom * fy + 0.5);
        return Math.min(255, Math.max(0, v));
    }

    private static int pixel(RgbFrame frame, int x, int y, Border border) {
        if (x >= 0 && y >= 0 && x < frame.width() && y < frame.height()) {
            return frame.rgb(x, y) & 0xffffff;
        }
        if (border == Border.ZERO) {
            return 0;
        }
        return frame.rgb(Math.min(frame.width() - 1, Math.max(0, x)), Math.min(frame.height() - 1, Math.max(0, y))) & 0xffffff;
    }
}
