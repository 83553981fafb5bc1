package dev.signdigits.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Brings whatever a decoder returned to one layout, TYPE_INT_RGB with 8 bits per channel:
 * grey is expanded, 16-bit samples are scaled (rounded, not truncated), and transparency is
 * flattened onto {@link #BACKGROUND}, so training and serving see identical pixels.
 */
public final class RgbConverter {
    /** The fixed background that transparent pixels are composed onto: white. */
    static final int BACKGROUND = 0xFF;

    private RgbConverter() {}

    public static BufferedImage toIntRgb(BufferedImage src) {
        if (isPlainIntRgb(src)) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte bytes
                && bytes.getData().length == 3 * dst.length && bytes.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            bgrBytes(bytes.getData(), dst);
        } else if (cm instanceof IndexColorModel palette) {
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    dst[i] = flatten(palette.getRGB(raster.getSample(x, y, 0)));
                }
            }
        } else if (cm instanceof ComponentColorModel && isGreyOrSrgb(cm.getColorSpace()) && !cm.isAlphaPremultiplied()) {
            components(raster, cm, dst);
        } else {
            // Packed ARGB and anything exotic: the colour model knows its own conversion.
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    dst[i] = flatten(src.getRGB(x, y));
                }
            }
        }
        return out;
    }

    private static boolean isPlainIntRgb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == image.getWidth()
                && image.getRaster().getDataBuffer().getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
    }

    private static void bgrBytes(byte[] bgr, int[] dst) {
        for (int i = 0, j = 0; i < dst.length; i++, j += 3) {
            dst[i] = (bgr[j + 2] & 0xFF) << 16 | (bgr[j + 1] & 0xFF) << 8 | (bgr[j] & 0xFF);
        }
    }

    /**
     * Grey, grey+alpha, RGB and RGBA at any bit depth. Samples are read raw and scaled linearly:
     * a grey PNG's values are display values, so Java's linear-grey colour space conversion (which
     * would brighten them) is bypassed on purpose.
     */
    private static void components(Raster raster, ColorModel cm, int[] dst) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colours = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        int[] bits = cm.getComponentSize();
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        int minX = raster.getMinX();
        int minY = raster.getMinY();
        for (int y = 0, i = 0; y < h; y++) {
            raster.getPixels(minX, minY + y, w, 1, row);
            for (int x = 0; x < w; x++, i++) {
                int p = x * bands;
                int r = to8Bits(row[p], bits[0]);
                int g = colours == 1 ? r : to8Bits(row[p + 1], bits[1]);
                int b = colours == 1 ? r : to8Bits(row[p + 2], bits[2]);
                int a = alpha ? to8Bits(row[p + colours], bits[colours]) : 0xFF;
                dst[i] = flatten(a << 24 | r << 16 | g << 8 | b);
            }
        }
    }

    /** Rounds {@code value} of {@code bits} bits to 8 bits: 65535 -> 255, 32896 -> 128. */
    static int to8Bits(int value, int bits) {
        if (bits == 8) {
            return value & 0xFF;
        }
        long max = (1L << bits) - 1;
        return (int) (((value & max) * 255L + max / 2) / max);
    }

    /** Composes a non-premultiplied ARGB pixel onto the white background. */
    static int flatten(int argb) {
        int a = argb >>> 24;
        if (a == 0xFF) {
            return argb & 0xFFFFFF;
        }
        int r = blend(argb >> 16 & 0xFF, a);
        int g = blend(argb >> 8 & 0xFF, a);
        int b = blend(argb & 0xFF, a);
        return r << 16 | g << 8 | b;
    }

    private static int blend(int c, int a) {
        return (c * a + BACKGROUND * (255 - a) + 127) / 255;
    }

    private static boolean isGreyOrSrgb(ColorSpace cs) {
        return cs.getType() == ColorSpace.TYPE_GRAY || cs.isCS_sRGB();
    }
}
