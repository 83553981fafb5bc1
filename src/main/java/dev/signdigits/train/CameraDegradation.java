package dev.signdigits.train;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What cheap cameras and bad light do to a photo, one kind per degraded variant
 * ({@code train --degrade-share}): out of focus or shaken (Gaussian blur, sigma 0.5-2.5 px of the
 * crop), sensor noise (Gaussian, 3-12 levels), low-quality JPEG (quality 10-40, as chat apps and
 * webcams send) or a dim room (levels x0.3-0.7, gamma 1-1.4, with noise). Ranges, not the one
 * setting a robustness condition uses, so that training is not tuned to the measurement.
 */
final class CameraDegradation {
    static final int KINDS = 4;

    private CameraDegradation() {}

    /** {@code img} degraded by one kind drawn from {@code rng} (in place where it can be). */
    static BufferedImage apply(BufferedImage img, SplittableRandom rng) {
        return switch (rng.nextInt(KINDS)) {
            case 0 -> blur(img, 0.5 + 2.0 * rng.nextDouble());
            case 1 -> noise(img, 3 + 9 * rng.nextDouble(), rng);
            case 2 -> jpeg(img, 0.10f + 0.30f * (float) rng.nextDouble());
            default -> noise(dim(img, 0.3 + 0.4 * rng.nextDouble(), 1 + 0.4 * rng.nextDouble()), 2 + 4 * rng.nextDouble(), rng);
        };
    }

    /** A separable Gaussian blur, edges repeated. */
    static BufferedImage blur(BufferedImage img, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        float[][] planes = new float[3][w * h];
        for (int i = 0; i < px.length; i++) {
            planes[0][i] = (px[i] >> 16) & 0xff;
            planes[1][i] = (px[i] >> 8) & 0xff;
            planes[2][i] = px[i] & 0xff;
        }
        float[] tmp = new float[w * h];
        for (float[] plane : planes) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * plane[y * w + Math.min(w - 1, Math.max(0, x + k))];
                    }
                    tmp[y * w + x] = (float) acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x];
                    }
                    plane[y * w + x] = (float) acc;
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            px[i] = clamp(planes[0][i]) << 16 | clamp(planes[1][i]) << 8 | clamp(planes[2][i]);
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    static BufferedImage noise(BufferedImage img, double sd, SplittableRandom rng) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            px[i] = clamp(((p >> 16) & 0xff) + sd * gauss(rng)) << 16 | clamp(((p >> 8) & 0xff) + sd * gauss(rng)) << 8
                    | clamp((p & 0xff) + sd * gauss(rng));
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    static BufferedImage dim(BufferedImage img, double gain, double gamma) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = clamp(255 * Math.pow(gain * v / 255.0, gamma));
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            px[i] = lut[(p >> 16) & 0xff] << 16 | lut[(p >> 8) & 0xff] << 8 | lut[p & 0xff];
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    /** Encoded and decoded again at {@code quality} (0..1): blocks and ringing, as a low-quality JPEG has. */
    static BufferedImage jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot JPEG-encode an augmented variant in memory", e);
        } finally {
            writer.dispose();
        }
        try {
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            BufferedImage rgb = new BufferedImage(back.getWidth(), back.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(back, 0, 0, null);
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode an augmented variant's JPEG in memory", e);
        }
    }

    private static double gauss(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static int clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) Math.round(v);
    }
}
