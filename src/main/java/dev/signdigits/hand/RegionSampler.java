package dev.signdigits.hand;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Cuts a {@link RotatedRect} out of a frame into a {@code size x size} square with an affine
 * warp and bilinear sampling: output pixel {@code (i, j)} samples the frame at the region's unit
 * point {@code ((i + 0.5) / size, (j + 0.5) / size)}, with frame pixel {@code (x, y)} covering
 * {@code [x, x+1) x [y, y+1)}. No smoothing before downscaling, like MediaPipe's CPU warp.
 *
 * <p>Every locate samples two to a dozen such squares, so the loop is kept lean: one row at a
 * time into a small buffer, samples whose four neighbours lie inside the frame skip the border
 * rules, and the [0, 1] floats come from a table of the 256 values. The arithmetic of each sample
 * is fixed (the crops models were trained on must not move by a bit), see {@code channel}.
 */
public final class RegionSampler {
    /** {@code v / 255f} for every channel value: the same floats as dividing, without a division per value. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < UNIT.length; v++) {
            UNIT[v] = v / 255f;
        }
    }

    private RegionSampler() {}

    /** The region as NHWC floats, RGB in [0, 1]: a TFLite input tensor. */
    public static float[] toTensor(RgbFrame frame, RotatedRect region, int size, Border border) {
        float[] out = new float[size * size * 3];
        toTensor(frame, region, size, border, out);
        return out;
    }

    /** As {@link #toTensor(RgbFrame, RotatedRect, int, Border)}, into {@code out} (exactly {@code size * size * 3} values), reused by callers that sample often. */
    static void toTensor(RgbFrame frame, RotatedRect region, int size, Border border, float[] out) {
        if (out.length != size * size * 3) {
            throw new IllegalArgumentException("a " + size + "x" + size + " RGB tensor has " + size * size * 3 + " values, got " + out.length);
        }
        Warp warp = new Warp(frame, region, size, border);
        int[] row = new int[size];
        int o = 0;
        for (int j = 0; j < size; j++) {
            warp.row(j, row, 0);
            for (int p : row) {
                out[o] = UNIT[(p >> 16) & 0xff];
                out[o + 1] = UNIT[(p >> 8) & 0xff];
                out[o + 2] = UNIT[p & 0xff];
                o += 3;
            }
        }
    }

    /** The region as a {@code TYPE_INT_RGB} image. */
    public static BufferedImage toImage(RgbFrame frame, RotatedRect region, int size, Border border) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Warp warp = new Warp(frame, region, size, border);
        for (int j = 0; j < size; j++) {
            warp.row(j, pixels, j * size);
        }
        return image;
    }

    /** The affine map from output pixels to frame positions, and the sampling of one output row. */
    private static final class Warp {
        private final RgbFrame frame;
        private final int[] pixels;
        private final int width;
        private final int height;
        private final int size;
        private final Border border;
        // image position (in pixel-centre coordinates) moves by (ax, ay) per output column and (bx, by) per row
        private final double ax;
        private final double ay;
        private final double bx;
        private final double by;
        private final double originX;
        private final double originY;

        Warp(RgbFrame frame, RotatedRect region, int size, Border border) {
            this.frame = frame;
            this.pixels = frame.pixels();
            this.width = frame.width();
            this.height = frame.height();
            this.size = size;
            this.border = border;
            double step = 1.0 / size;
            double cos = Math.cos(region.rotation());
            double sin = Math.sin(region.rotation());
            ax = region.width() * step * cos;
            ay = region.width() * step * sin;
            bx = -region.height() * step * sin;
            by = region.height() * step * cos;
            double[] origin = region.fromUnit(0.5 * step, 0.5 * step);
            originX = origin[0];
            originY = origin[1];
        }

        /** Output row {@code j} as packed RGB into {@code out[offset .. offset + size)}. */
        void row(int j, int[] out, int offset) {
            double x = originX + j * bx - 0.5;
            double y = originY + j * by - 0.5;
            int w = width;
            int lastX = width - 1;
            int lastY = height - 1;
            for (int i = 0; i < size; i++) {
                // for x >= 0 the cast is the floor; negative and NaN positions take the border path
                int x0 = (int) x;
                int y0 = (int) y;
                if (x >= 0 && y >= 0 && x0 < lastX && y0 < lastY) {
                    int at = y0 * w + x0;
                    out[offset + i] = blend(pixels[at], pixels[at + 1], pixels[at + w], pixels[at + w + 1], x - x0, y - y0);
                } else {
                    out[offset + i] = bilinear(x, y);
                }
                x += ax;
                y += ay;
            }
        }

        private int bilinear(double x, double y) {
            if (border == Border.ZERO && (x <= -1 || y <= -1 || x >= width || y >= height || Double.isNaN(x) || Double.isNaN(y))) {
                return 0;
            }
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            return blend(pixel(x0, y0), pixel(x0 + 1, y0), pixel(x0, y0 + 1), pixel(x0 + 1, y0 + 1), x - x0, y - y0);
        }

        private int pixel(int x, int y) {
            if (x >= 0 && y >= 0 && x < width && y < height) {
                return frame.rgb(x, y) & 0xffffff;
            }
            if (border == Border.ZERO) {
                return 0;
            }
            return frame.rgb(Math.min(width - 1, Math.max(0, x)), Math.min(height - 1, Math.max(0, y))) & 0xffffff;
        }
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
}
