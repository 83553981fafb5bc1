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
        float[] out = new float[size * size * 3];
        sample(frame, region, size, border, (index, rgb) -> {
            out[3 * index] = ((rgb >> 16) & 0xff) / 255f;
            out[3 * index + 1] = ((rgb >> 8) & 0xff) / 255f;
            out[3 * index + 2] = (rgb & 0xff) / 255f;
        });
        return out;
    }

    /** The region as a {@code TYPE_INT_RGB} image. */
    public static BufferedImage toImage(RgbFrame frame, RotatedRect region, int size, Border border) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        sample(frame, region, size, border, (index, rgb) -> data[index] = rgb);
        return image;
    }

    private interface Sink {
        void put(int index, int rgb);
    }

    private static void sample(RgbFrame frame, RotatedRect region, int size, Border border, Sink sink) {
        double step = 1.0 / size;
        double cos = Math.cos(region.rotation());
        double sin = Math.sin(region.rotation());
        // image position (in pixel-centre coordinates) moves by (ax, ay) per output column and (bx, by) per row
        double ax = region.width() * step * cos;
        double ay = region.width() * step * sin;
        double bx = -region.height() * step * sin;
        double by = region.height() * step * cos;
        double[] origin = region.fromUnit(0.5 * step, 0.5 * step);
        for (int j = 0; j < size; j++) {
            double x = origin[0] + j * bx - 0.5;
            double y = origin[1] + j * by - 0.5;
            for (int i = 0; i < size; i++) {
                sink.put(j * size + i, bilinear(frame, x, y, border));
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
        double fx = x - x0;
        double fy = y - y0;
        int p00 = pixel(frame, x0, y0, border);
        int p10 = pixel(frame, x0 + 1, y0, border);
        int p01 = pixel(frame, x0, y0 + 1, border);
        int p11 = pixel(frame, x0 + 1, y0 + 1, border);
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((p00 >> shift) & 0xff) * (1 - fx) + ((p10 >> shift) & 0xff) * fx;
            double bottom = ((p01 >> shift) & 0xff) * (1 - fx) + ((p11 >> shift) & 0xff) * fx;
            int v = (int) (top * (1 - fy) + bottom * fy + 0.5);
            rgb |= Math.min(255, Math.max(0, v)) << shift;
        }
        return rgb;
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
