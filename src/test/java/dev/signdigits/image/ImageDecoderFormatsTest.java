package dev.signdigits.image;

import static dev.signdigits.image.TestImages.channelDistance;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/** Every supported kind of image comes out as 8-bit TYPE_INT_RGB with the right colours. */
class ImageDecoderFormatsTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void realPhotoMatchesImageIoPixelForPixel() throws Exception {
        Path photo = TestImages.MIRROR.resolve("0/IMG_1118.JPG"); // no ICC profile: ImageIO applies nothing we skip
        DecodedImage decoded = decoder.decode(photo);
        BufferedImage reference = ImageIO.read(photo.toFile());

        assertThat(decoded.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(decoded.rgb().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.width()).isEqualTo(reference.getWidth());
        for (int y = 0; y < reference.getHeight(); y++) {
            for (int x = 0; x < reference.getWidth(); x++) {
                assertThat(decoded.rgb().getRGB(x, y)).isEqualTo(reference.getRGB(x, y));
            }
        }
    }

    @Test
    void iccProfileIsIgnoredSoColoursAreTheStoredValues() throws Exception {
        Path photo = TestImages.MIRROR.resolve("0/IMG_4040.JPG"); // carries an iPhone Display P3 profile
        byte[] bytes = Files.readAllBytes(photo);
        JpegStructure structure = JpegStructure.parse(bytes, "p3.jpg");
        assertThat(structure.iccSegments()).hasSize(1);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(structure.withoutIccProfile(bytes)));

        DecodedImage decoded = decoder.decode(photo);
        assertThat(decoded.rgb().getRGB(50, 50)).isEqualTo(stored.getRGB(50, 50));
        assertThat(decoded.rgb().getRGB(10, 90)).isEqualTo(stored.getRGB(10, 90));
    }

    @Test
    void pngBmpGifAndProgressiveJpegDecodeToTheSamePicture() {
        BufferedImage quadrants = TestImages.quadrants(40, 30);
        for (String format : new String[] {"png", "bmp", "gif"}) {
            DecodedImage decoded = decoder.decode(TestImages.encode(quadrants, format), "q." + format);
            assertThat(decoded.format().name()).isEqualToIgnoringCase(format);
            assertThat(TestImages.quadrantColours(decoded.rgb())).containsExactly(TestImages.quadrantColours(quadrants));
        }
        DecodedImage progressive = decoder.decode(TestImages.jpeg(quadrants, 0.9f, true), "p.jpg");
        int[] colours = TestImages.quadrantColours(progressive.rgb());
        int[] expected = TestImages.quadrantColours(quadrants);
        for (int q = 0; q < 4; q++) {
            assertThat(channelDistance(colours[q], expected[q])).isLessThan(40);
        }
    }

    @Test
    void greyJpegAndPngAreExpandedToRgb() {
        BufferedImage grey = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 3, 0, 77);
        grey.getRaster().setSample(15, 7, 0, 200);
        DecodedImage png = decoder.decode(TestImages.encode(grey, "png"), "grey.png");
        assertThat(png.rgb().getRGB(3, 3) & 0xFFFFFF).isEqualTo(77 * 0x010101); // not brightened by a gamma conversion
        assertThat(png.rgb().getRGB(15, 7) & 0xFFFFFF).isEqualTo(200 * 0x010101);

        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.getRaster().setSample(x, y, 0, 90);
            }
        }
        int pixel = decoder.decode(TestImages.jpeg(flat, 0.95f, false), "grey.jpg").rgb().getRGB(8, 8);
        assertThat(channelDistance(pixel, 90 * 0x010101)).isLessThanOrEqualTo(2);
    }

    @Test
    void sixteenBitGreyPngIsScaledNotTruncated() {
        BufferedImage grey16 = new BufferedImage(256, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 4; y++) {
                grey16.getRaster().setSample(x, y, 0, Math.min(65535, x * 257 + (y == 3 ? 128 : 0))); // row 3: low byte 0x80
            }
        }
        byte[] png = TestImages.encode(grey16, "png");
        assertThat(png[24]).as("bit depth in IHDR").isEqualTo((byte) 16);

        BufferedImage rgb = decoder.decode(png, "grey16.png").rgb();
        for (int x = 0; x < 256; x++) {
            assertThat(rgb.getRGB(x, 0) & 0xFF).isEqualTo(x);
            int value = Math.min(65535, x * 257 + 128);
            assertThat(rgb.getRGB(x, 3) & 0xFF).isEqualTo((int) Math.round(value * 255.0 / 65535));
        }
    }

    @Test
    void sixteenBitRgbPngIsScaledPerChannel() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {65535, 32896, 257 * 10});
            }
        }
        BufferedImage rgb16 = new BufferedImage(model, raster, false, null);
        DecodedImage decoded = decoder.decode(TestImages.encode(rgb16, "png"), "rgb16.png");
        assertThat(decoded.rgb().getRGB(4, 4) & 0xFFFFFF).isEqualTo(255 << 16 | 128 << 8 | 10);
    }

    @Test
    void transparencyIsFlattenedOntoWhite() {
        BufferedImage argb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x00000000);      // fully transparent black -> white
        argb.setRGB(2, 2, 0xFF102030);      // opaque -> unchanged
        argb.setRGB(3, 3, 0x80000000);      // half-transparent black -> mid grey
        BufferedImage rgb = decoder.decode(TestImages.encode(argb, "png"), "alpha.png").rgb();
        assertThat(rgb.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(rgb.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0x102030);
        assertThat(channelDistance(rgb.getRGB(3, 3), 0x7F7F7F)).isLessThanOrEqualTo(1);

        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 200, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 255}, 1); // index 1 (blue) is transparent
        BufferedImage indexed = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(5, 5, 0, 1);
        for (String format : new String[] {"png", "gif"}) {
            BufferedImage out = decoder.decode(TestImages.encode(indexed, format), "palette." + format).rgb();
            assertThat(out.getRGB(0, 0) & 0xFFFFFF).as(format).isEqualTo(0xC80000);
            assertThat(out.getRGB(5, 5) & 0xFFFFFF).as(format).isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void adobeCmykAndYcckJpegsDecode() {
        // Adobe stores CMYK inverted. Top left cyan, top right black, bottom white.
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int[] ink = y >= 16 ? new int[] {0, 0, 0, 0} : x < 16 ? new int[] {255, 0, 0, 0} : new int[] {0, 0, 0, 255};
                int[] stored = {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
                cmyk.setPixel(x, y, stored);
                // YCCK = the JFIF YCbCr transform of (255 - stored C, M, Y), plus K as stored.
                double r = 255 - stored[0];
                double g = 255 - stored[1];
                double b = 255 - stored[2];
                ycck.setPixel(x, y, new int[] {
                    clamp(0.299 * r + 0.587 * g + 0.114 * b),
                    clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
                    clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128), stored[3]});
            }
        }
        byte[] cmykJpeg = TestImages.withAdobe(TestImages.jpegFromRaster(cmyk), 0);
        byte[] ycckJpeg = TestImages.withAdobe(TestImages.jpegFromRaster(ycck), 2);
        for (byte[] jpeg : new byte[][] {cmykJpeg, ycckJpeg}) {
            BufferedImage rgb = decoder.decode(jpeg, "cmyk.jpg").rgb();
            assertThat(channelDistance(rgb.getRGB(6, 6), 0x00FFFF)).isLessThan(50);
            assertThat(channelDistance(rgb.getRGB(26, 6), 0x000000)).isLessThan(50);
            assertThat(channelDistance(rgb.getRGB(16, 26), 0xFFFFFF)).isLessThan(50);
        }
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        BufferedImage red = solid(0xFF0000);
        BufferedImage blue = solid(0x0000FF);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : new BufferedImage[] {red, blue}) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "10");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        byte[] gif = bytes.toByteArray();
        assertThat(ImageIO.getImageReadersByFormatName("gif").next()).satisfies(reader -> {
            reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
            assertThat(reader.getNumImages(true)).isEqualTo(2);
        });
        assertThat(decoder.decode(gif, "anim.gif").rgb().getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void tinyAndExtremelyThinImagesDecode() {
        assertThat(decoder.decode(TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"), "1x1.png").width())
                .isEqualTo(1);
        DecodedImage thin = decoder.decode(TestImages.encode(new BufferedImage(1, 10_000, BufferedImage.TYPE_INT_RGB), "png"), "thin.png");
        assertThat(thin.height()).isEqualTo(10_000); // the short edge is already below minEdge: nothing to subsample
    }

    @Test
    void bigImagesAreSubsampledWhileDecodingButKeepTheMinimumEdge() {
        DecodeLimits limits = new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS, 300, 100);
        DecodedImage decoded = new ImageDecoder(limits).decode(TestImages.jpeg(TestImages.quadrants(1200, 900), 0.9f, false), "big.jpg");
        assertThat(decoded.originalWidth()).isEqualTo(1200);
        assertThat(decoded.width()).isEqualTo(300);
        assertThat(decoded.height()).isEqualTo(225);
        assertThat(channelDistance(TestImages.quadrantColours(decoded.rgb())[1], 0x00FF00)).isLessThan(40);

        assertThat(limits.subsampling(1200, 250)).as("short edge 250 allows only 2x").isEqualTo(2);
        assertThat(limits.subsampling(300, 300)).isEqualTo(1);
        assertThat(DecodeLimits.defaults().subsampling(3024, 3024)).isEqualTo(3);
    }

    private static BufferedImage solid(int rgb) {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
