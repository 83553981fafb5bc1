package dev.signdigits.eval.robustness;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * An out-of-focus or shaken photo: a Gaussian blur whose sigma is a share of the photo's shorter
 * side, applied as two 1-D passes (rows, then columns) with a kernel cut at three sigma and the
 * edge pixels repeated beyond the border.
 */
public final class GaussianBlur implements PhotoChange {
    /** 2% of the shorter side: 2 px on the dataset's 100 px photos. */
    public static final double DEFAULT_SHARE = 0.02;

    private final double share;

    public GaussianBlur(double share) {
        if (!(share > 0)) {
            throw new IllegalArgumentException("the blur's share of the shorter side must be positive, got " + share);
        }
        this.share = share;
    }

    public String description() {
        return String.format(Locale.ROOT, "Gaussian blur, sigma %.0f%% of the shorter side (%.0f px on a 100 px photo),"
                + " two 1-D passes", share * 100, share * 100);
    }

    /** Sigma in pixels for a photo of this size. */
    public double sigma(int width, int height) {
        return share * Math.min(width, height);
    }

    /** The normalized 1-D kernel, centre at index {@code radius}, radius {@code ceil(3 sigma)} (at least 1). */
    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double w = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) w;
            sum += w;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    @Override
    public BufferedImage apply(BufferedImage photo, int index, long seed) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        float[] k = kernel(sigma(w, h));
        int[] p = Rgb.pixels(photo);
        float[][] planes = new float[3][w * h];
        for (int i = 0; i < p.length; i++) {
            planes[0][i] = p[i] >> 16 & 0xff;
            planes[1][i] = p[i] >> 8 & 0xff;
            planes[2][i] = p[i] & 0xff;
        }
        for (int c = 0; c < 3; c++) {
            planes[c] = pass(pass(planes[c], w, h, k, 1, w), w, h, k, w, h);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = Rgb.pack(Math.round(planes[0][i]), Math.round(planes[1][i]), Math.round(planes[2][i]));
        }
        return Rgb.image(w, h, p);
    }

    /**
     * One 1-D pass: along rows ({@code step} 1, {@code length} the width) or along columns
     * ({@code step} the width, {@code length} the height).
     */
    private static float[] pass(float[] in, int w, int h, float[] k, int step, int length) {
        int radius = k.length / 2;
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int position = step == 1 ? x : y;
                int base = y * w + x - position * step;
                float sum = 0;
                for (int j = -radius; j <= radius; j++) {
                    int q = Math.max(0, Math.min(length - 1, position + j));
                    sum += k[j + radius] * in[base + q * step];
                }
                out[y * w + x] = sum;
            }
        }
        return out;
    }
}
