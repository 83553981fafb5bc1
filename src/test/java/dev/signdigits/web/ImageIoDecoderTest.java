package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default decoder on generated odd images and on the dataset's real photos. */
class ImageIoDecoderTest {
    private final ImageIoDecoder decoder = new ImageIoDecoder(50_000_000);

    @Test
    void everyPhotoOfTheDatasetsSessionsDecodesToRgb() throws Exception {
        for (Path photo : TestModels.knownPhotos()) {
            BufferedImage image = decoder.decode(Files.readAllBytes(photo), photo.toString());
            assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(image.getWidth()).isEqualTo(100);
        }
    }

    @Test
    void phoneOriginalsGetTheirExifOrientationApplied() throws Exception {
        List<Path> phonePhotos;
        try (Stream<Path> files = Files.list(TestModels.DATASET.resolve("7"))) {
            phonePhotos = files.filter(p -> sizeOf(p) > 1_000_000).sorted().limit(1).toList();
        }
        assertThat(phonePhotos).as("the dataset's 3024x3024 iPhone photos").isNotEmpty();
        byte[] bytes = Files.readAllBytes(phonePhotos.get(0));
        int orientation = ExifOrientation.of(bytes);
        assertThat(orientation).isBetween(2, 8);

        BufferedImage upright = decoder.decode(bytes, "phone");
        BufferedImage stored = ImageIoDecoder.toOpaqueRgb(ImageIO.read(new java.io.ByteArrayInputStream(bytes)));

        assertThat(upright.getWidth() * upright.getHeight()).isEqualTo(3024 * 3024);
        int w = stored.getWidth();
        int h = stored.getHeight();
        for (int[] p : new int[][] {{10, 20}, {1500, 700}, {3000, 3010}, {200, 2900}}) {
            int[] at = storedPixelFor(orientation, p[0], p[1], w, h);
            assertThat(upright.getRGB(p[0], p[1])).isEqualTo(stored.getRGB(at[0], at[1]));
        }
    }

    /** Where upright pixel (x, y) was stored, for each EXIF orientation (inverse of the display transform). */
    private static int[] storedPixelFor(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            case 8 -> new int[] {w - 1 - y, x};
            default -> new int[] {x, y};
        };
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, 40, 20, RED, BLUE",   // left, right as stored
        "2, 40, 20, BLUE, RED",   // mirrored
        "3, 40, 20, BLUE, RED",   // rotated 180
        "6, 20, 40, RED, BLUE",   // rotated 90 clockwise: stored left is now on top
        "8, 20, 40, BLUE, RED"})  // rotated 90 counter-clockwise: stored left is now at the bottom
    void exifOrientationIsAppliedBeforeAnythingElse(int orientation, int width, int height, String first, String second) {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = withExifOrientation(BadImages.encode(image, "jpeg"), orientation);

        BufferedImage decoded = decoder.decode(jpeg, "rotated");

        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        boolean portrait = height > width;
        int[] a = portrait ? new int[] {width / 2, height / 4} : new int[] {width / 4, height / 2};
        int[] b = portrait ? new int[] {width / 2, 3 * height / 4} : new int[] {3 * width / 4, height / 2};
        assertThat(color(decoded.getRGB(a[0], a[1]))).isEqualTo(first);
        assertThat(color(decoded.getRGB(b[0], b[1]))).isEqualTo(second);
    }

    @Test
    void sixteenBitIsScaledNotTruncatedAndTransparencyBecomesWhite() {
        BufferedImage gray16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = gray16.getRaster();
        raster.setSample(0, 0, 0, 0xFFFF);
        raster.setSample(1, 0, 0, 0x8080);
        raster.setSample(2, 0, 0, 0x0101);
        BufferedImage decoded = decoder.decode(BadImages.png(gray16), "gray16");
        assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(decoded.getRGB(1, 0) & 0xFF).isBetween(0x7F, 0x81);
        assertThat(decoded.getRGB(2, 0) & 0xFF).isBetween(0, 2);

        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00000000);
        rgba.setRGB(1, 0, 0xFF336699);
        BufferedImage flat = decoder.decode(BadImages.png(rgba), "rgba");
        assertThat(flat.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(flat.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x336699);

        byte[] r = {0, (byte) 200};
        byte[] g = {0, 10};
        byte[] bl = {0, 10};
        BufferedImage palette = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, bl, 0));
        palette.getRaster().setSample(1, 0, 0, 1);
        BufferedImage fromGif = decoder.decode(BadImages.encode(palette, "gif"), "palette");
        assertThat(fromGif.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(fromGif.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xC80A0A);
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(BadImages.solid(8, 8, 0xFF0000), null, null), null);
            writer.writeToSequence(new IIOImage(BadImages.solid(8, 8, 0x0000FF), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertThat(color(decoder.decode(out.toByteArray(), "animated").getRGB(4, 4))).isEqualTo("RED");
    }

    @Test
    void cmykJpegDecodesThroughTheTwelveMonkeysPlugin() throws Exception {
        WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                cmyk.setPixel(x, y, new int[] {0, 255, 255, 0}); // red in CMYK
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        BufferedImage decoded = decoder.decode(out.toByteArray(), "cmyk");
        assertThat(decoded.getWidth()).isEqualTo(16);
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void pixelCapIsCheckedFromTheHeader() {
        ImageIoDecoder small = new ImageIoDecoder(100);
        assertThatThrownBy(() -> small.decode(BadImages.png(BadImages.solid(20, 20, 0)), "big"))
                .isInstanceOfSatisfying(BadImageException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("big is 20x20 pixels, more than the limit of 100: send a smaller image.");
                });
        assertThat(small.decode(BadImages.png(BadImages.solid(10, 10, 0)), "ok").getWidth()).isEqualTo(10);
    }

    @Test
    void formatsAreSniffedFromTheBytes() {
        byte[] tiff = BadImages.encode(BadImages.solid(4, 4, 0), "tiff");
        assertThat(ImageFormat.sniff(tiff)).isEqualTo(ImageFormat.TIFF);
        assertThatThrownBy(() -> decoder.decode(tiff, "t")).isInstanceOfSatisfying(BadImageException.class,
                e -> assertThat(e.status()).isEqualTo(415));
        assertThat(ImageFormat.sniff(BadImages.heicHeader())).isEqualTo(ImageFormat.HEIC);
        assertThat(ImageFormat.sniff(BadImages.avifHeader())).isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(BadImages.webpHeader())).isEqualTo(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(BadImages.encode(BadImages.solid(4, 4, 0), "bmp"))).isEqualTo(ImageFormat.BMP);
        assertThat(ImageFormat.sniff(new byte[] {'B', 'M'})).isEqualTo(ImageFormat.UNKNOWN);
        assertThat(ImageFormat.sniff(new byte[0])).isEqualTo(ImageFormat.UNKNOWN);
    }

    @Test
    void malformedExifMeansNoRotationNeverACrash() {
        byte[] jpeg = BadImages.encode(BadImages.solid(8, 4, 0x808080), "jpeg");
        byte[] withBadExif = withApp1(jpeg, new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0x7F, 0x7F, 0x7F, 0x7F, 0, 0});
        assertThat(ExifOrientation.of(withBadExif)).isEqualTo(1);
        assertThat(decoder.decode(withBadExif, "bad exif").getWidth()).isEqualTo(8);
    }

    private static String color(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int b = rgb & 0xFF;
        return r > 150 && b < 100 ? "RED" : b > 150 && r < 100 ? "BLUE" : String.format("#%06X", rgb & 0xFFFFFF);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A big-endian EXIF block whose first IFD holds only the orientation tag. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer exif = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        exif.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        exif.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        exif.putShort((short) 1);
        exif.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        exif.putInt(0);
        return withApp1(jpeg, exif.array());
    }

    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
