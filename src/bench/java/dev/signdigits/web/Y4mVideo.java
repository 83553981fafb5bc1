package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A still picture as a YUV4MPEG2 (.y4m) video: the file Chromium's fake camera plays in a loop
 * ({@code --use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m}), so a
 * page's webcam mode can be driven with a known frame. 4:2:0 chroma, full-range BT.601 (JPEG's).
 */
public final class Y4mVideo {
    private Y4mVideo() {}

    /** Writes {@code frames} copies of {@code picture} (even width and height) at {@code fps} frames per second. */
    public static Path write(BufferedImage picture, int frames, int fps, Path file) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        if (w % 2 != 0 || h % 2 != 0) {
            throw new IllegalArgumentException("4:2:0 video needs an even width and height, not " + w + "x" + h);
        }
        byte[] y = new byte[w * h];
        byte[] u = new byte[w * h / 4];
        byte[] v = new byte[w * h / 4];
        int[] rgb = picture.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            y[i] = clamp(0.299 * red(rgb[i]) + 0.587 * green(rgb[i]) + 0.114 * blue(rgb[i]));
        }
        for (int cy = 0; cy < h / 2; cy++) {
            for (int cx = 0; cx < w / 2; cx++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = 0; k < 4; k++) { // the mean of the 2x2 block
                    int p = rgb[(2 * cy + k / 2) * w + 2 * cx + k % 2];
                    r += red(p) / 4.0;
                    g += green(p) / 4.0;
                    b += blue(p) / 4.0;
                }
                u[cy * (w / 2) + cx] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                v[cy * (w / 2) + cx] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + w + " H" + h + " F" + fps + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < frames; f++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
