package dev.signdigits.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.image.ImageDecodeException.Reason;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input gets its reason and one clear sentence that names the file. */
class ImageDecoderBadInputTest {
    private static final Path PHOTO = TestImages.MIRROR.resolve("3/IMG_1121.JPG");
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void zeroByteFileIsEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        refused(() -> decoder.decode(empty), Reason.EMPTY, empty.toString()).hasMessageContaining("0 bytes");
    }

    @Test
    void missingFileIsUnreadable(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jpg");
        refused(() -> decoder.decode(missing), Reason.UNREADABLE, missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void truncatedJpegIsDetected() throws Exception {
        byte[] photo = Files.readAllBytes(PHOTO);
        int header = scanStart(photo);
        for (double keep : new double[] {0.3, 0.6, 0.9, 0.99}) {
            int cut = header + (int) ((photo.length - header) * keep);
            refused(() -> decoder.decode(Arrays.copyOf(photo, cut), "cut.jpg"), Reason.TRUNCATED, "cut.jpg");
        }
        refused(() -> decoder.decode(Arrays.copyOf(photo, header / 2), "header-only.jpg"), Reason.TRUNCATED, "header-only.jpg");
        assertThat(decoder.decode(photo, "whole.jpg").width()).isEqualTo(100);
    }

    @Test
    void truncatedPngBmpAndGifAreDetected() {
        java.awt.image.BufferedImage quadrants = TestImages.quadrants(60, 40);
        for (String format : new String[] {"png", "bmp", "gif"}) {
            byte[] whole = TestImages.encode(quadrants, format);
            for (double keep : new double[] {0.5, 0.97}) {
                String name = "cut." + format;
                refused(() -> decoder.decode(Arrays.copyOf(whole, (int) (whole.length * keep)), name), Reason.TRUNCATED, name);
            }
        }
        byte[] png = TestImages.encode(quadrants, "png");
        refused(() -> decoder.decode(Arrays.copyOf(png, png.length - 12), "no-iend.png"), Reason.TRUNCATED, "no-iend.png");
    }

    @Test
    void randomBytesAndDamagedContentAreCorrupt() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x12;
        refused(() -> decoder.decode(noise, "noise.bin"), Reason.CORRUPT, "noise.bin").hasMessageContaining("JPEG, PNG, BMP or GIF");

        byte[] photo = Files.readAllBytes(PHOTO);
        byte[] scrambled = photo.clone();
        Random random = new Random(3);
        for (int i = scanStart(photo) + 20; i < scrambled.length - 2; i++) {
            scrambled[i] = (byte) random.nextInt(256);
        }
        assertThatThrownBy(() -> decoder.decode(scrambled, "scrambled.jpg"))
                .isInstanceOfSatisfying(ImageDecodeException.class, e ->
                        assertThat(e.reason()).isIn(Reason.CORRUPT, Reason.TRUNCATED));

        byte[] jpegMagicOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        refused(() -> decoder.decode(jpegMagicOnly, "magic.jpg"), Reason.CORRUPT, "magic.jpg");
    }

    @Test
    void otherImageFormatsAreUnsupportedAndTheMessageListsWhatIs() {
        byte[] heic = ascii("\0\0\0\u0018ftypheic\0\0\0\0mif1heic");
        byte[] avif = ascii("\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf");
        byte[] webp = ascii("RIFF\u0010\0\0\0WEBPVP8 ");
        byte[] tiff = ascii("II*\0\u0008\0\0\0");
        for (byte[] bytes : new byte[][] {heic, avif, webp, tiff}) {
            refused(() -> decoder.decode(bytes, "photo.x"), Reason.UNSUPPORTED_FORMAT, "photo.x")
                    .hasMessageContaining("JPEG, PNG, BMP or GIF");
        }
        assertThat(ImageFormat.sniff(heic)).contains(ImageFormat.HEIC);
        assertThat(ImageFormat.sniff(avif)).contains(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(webp)).contains(ImageFormat.WEBP);
    }

    @Test
    void twelveBitAndLosslessJpegsAreUnsupported() throws Exception {
        byte[] photo = Files.readAllBytes(PHOTO);
        int sof = indexOfMarker(photo, 0xC0);
        byte[] twelveBit = photo.clone();
        twelveBit[sof + 4] = 12;
        refused(() -> decoder.decode(twelveBit, "12bit.jpg"), Reason.UNSUPPORTED_FORMAT, "12bit.jpg").hasMessageContaining("12-bit");
        byte[] lossless = photo.clone();
        lossless[sof + 1] = (byte) 0xC3;
        refused(() -> decoder.decode(lossless, "lossless.jpg"), Reason.UNSUPPORTED_FORMAT, "lossless.jpg");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeaderFastAndWithoutAllocating() {
        byte[] bomb = TestImages.pngClaiming(50_000, 50_000);
        assertThat(bomb.length).isLessThan(100);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        decoder.probe(TestImages.pngClaiming(10, 10), "warm-up.png");

        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        refused(() -> decoder.decode(bomb, "bomb.png"), Reason.TOO_MANY_PIXELS, "bomb.png").hasMessageContaining("50000x50000");
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(millis).isLessThan(500);
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(1_000_000);
        assertThat(decoder.probe(bomb, "bomb.png").pixels()).isEqualTo(2_500_000_000L);
    }

    @Test
    void pixelCapIsConfigurable() {
        byte[] png = TestImages.encode(TestImages.quadrants(200, 100), "png");
        ImageDecoder strict = new ImageDecoder(DecodeLimits.defaults().withMaxPixels(10_000));
        refused(() -> strict.decode(png, "wide.png"), Reason.TOO_MANY_PIXELS, "wide.png").hasMessageContaining("200x100");
        assertThat(decoder.decode(png, "wide.png").width()).isEqualTo(200);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason, String name) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.source()).isEqualTo(name);
                })
                .hasMessageStartingWith(name)
                .hasMessageEndingWith(".")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Exception");
    }

    private static int scanStart(byte[] jpeg) {
        return indexOfMarker(jpeg, 0xDA);
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        int i = 2;
        while ((jpeg[i + 1] & 0xFF) != marker) {
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
        }
        return i;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
