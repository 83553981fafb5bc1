package dev.signdigits.image;

import static dev.signdigits.image.TestImages.channelDistance;
import static dev.signdigits.image.TestImages.quadrantColours;
import static dev.signdigits.image.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;

class OrientationTest {
    private static final int W = 64;
    private static final int H = 32;
    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void storedImageComesOutUpright(int orientation) {
        BufferedImage upright = quadrants(W, H);
        BufferedImage stored = storedAs(upright, orientation);
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(stored, 0.95f, false), orientation, orientation % 2 == 0);

        assertThat(decoder.probe(jpeg, "o.jpg").orientation()).isEqualTo(orientation);
        DecodedImage decoded = decoder.decode(jpeg, "o.jpg");

        assertThat(decoded.width()).isEqualTo(W);
        assertThat(decoded.height()).isEqualTo(H);
        assertThat(decoded.originalWidth()).isEqualTo(W);
        assertThat(decoded.originalHeight()).isEqualTo(H);
        int[] expected = quadrantColours(upright);
        int[] actual = quadrantColours(decoded.rgb());
        for (int q = 0; q < 4; q++) {
            assertThat(channelDistance(actual[q], expected[q])).as("quadrant %d: %06x vs %06x", q, actual[q], expected[q])
                    .isLessThan(40);
        }
    }

    @Test
    void brokenOrMissingOrientationMeansUpright() {
        BufferedImage upright = quadrants(W, H);
        byte[] plain = TestImages.jpeg(upright, 0.95f, false);
        byte[] outOfRange = TestImages.withExifOrientation(plain, 9, true);
        byte[] cutExif = TestImages.insertSegment(plain, 0xE1, new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0x7F, 0, 0, 0});

        for (byte[] jpeg : List.of(plain, outOfRange, cutExif)) {
            DecodedImage decoded = decoder.decode(jpeg, "o.jpg");
            assertThat(decoded.width()).isEqualTo(W);
            assertThat(channelDistance(quadrantColours(decoded.rgb())[0], 0xFF0000)).isLessThan(40);
        }
    }

    /**
     * The three 3024x3024 iPhone originals in 7/ carry orientation 6. Decoded, they must look like
     * the other (upright) photos: their correlation with the dataset's mean photo is clearly highest
     * as decoded, not turned by 90, 180 or 270 degrees.
     */
    @Test
    void iphoneOriginalsInTheMirrorComeOutUpright() throws Exception {
        List<Path> photos;
        try (Stream<Path> files = Files.list(TestImages.MIRROR.resolve("7"))) {
            photos = files.filter(p -> p.toFile().length() > 500_000).sorted().toList();
        }
        assertThat(photos).hasSize(3);
        double[] mean = meanOfSmallPhotos();
        for (Path photo : photos) {
            ImageHeader header = decoder.probe(photo);
            assertThat(header.orientation()).isEqualTo(6);
            assertThat(header.width()).isEqualTo(3024);
            assertThat(header.height()).isEqualTo(3024);

            DecodedImage decoded = decoder.decode(photo);
            assertThat(decoded.originalWidth()).isEqualTo(3024);
            assertThat(decoded.width()).isBetween(DecodeLimits.DEFAULT_MIN_EDGE, DecodeLimits.DEFAULT_MAX_EDGE);

            double[] grey = thumbnail(decoded.rgb());
            double asDecoded = correlation(grey, mean);
            for (int quarterTurns = 1; quarterTurns < 4; quarterTurns++) {
                assertThat(asDecoded).as("%s vs %d quarter turns", photo, quarterTurns)
                        .isGreaterThan(correlation(rotate(grey, quarterTurns), mean) + 0.2);
            }
        }
    }

    /** TIFF 6.0, tag 274: each value names the visual sides that stored row 0 and column 0 are. */
    static BufferedImage storedAs(BufferedImage upright, int orientation) {
        String[] sides = {"", "top left", "top right", "bottom right", "bottom left",
            "left top", "right top", "right bottom", "left bottom"};
        String row0 = sides[orientation].split(" ")[0];
        String column0 = sides[orientation].split(" ")[1];
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean rowsAreVisualRows = row0.equals("top") || row0.equals("bottom");
        BufferedImage stored = new BufferedImage(rowsAreVisualRows ? w : h, rowsAreVisualRows ? h : w, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < stored.getHeight(); sy++) {
            for (int sx = 0; sx < stored.getWidth(); sx++) {
                int[] v = new int[2]; // visual x, y
                place(v, row0, sy, w, h);
                place(v, column0, sx, w, h);
                stored.setRGB(sx, sy, upright.getRGB(v[0], v[1]));
            }
        }
        return stored;
    }

    /** Index {@code i} counted from visual side {@code side} fixes one visual coordinate. */
    private static void place(int[] v, String side, int i, int w, int h) {
        switch (side) {
            case "top" -> v[1] = i;
            case "bottom" -> v[1] = h - 1 - i;
            case "left" -> v[0] = i;
            default -> v[0] = w - 1 - i;
        }
    }

    private double[] meanOfSmallPhotos() throws Exception {
        DatasetIndex index = ImageFolder.scan(TestImages.MIRROR);
        double[] sum = new double[32 * 32];
        List<LabeledFile> sample = new ArrayList<>();
        for (int i = 0; i < index.size(); i += 15) {
            sample.add(index.entries().get(i));
        }
        int n = 0;
        for (LabeledFile file : sample) {
            DecodedImage image = decoder.decode(index.resolve(file));
            if (image.originalWidth() == 100) {
                double[] grey = thumbnail(image.rgb());
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += grey[i];
                }
                n++;
            }
        }
        assertThat(n).isGreaterThan(100);
        return sum;
    }

    private static double[] thumbnail(BufferedImage image) {
        BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image.getScaledInstance(32, 32, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        double[] grey = new double[32 * 32];
        for (int i = 0; i < grey.length; i++) {
            int p = small.getRGB(i % 32, i / 32);
            grey[i] = (p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF);
        }
        return grey;
    }

    private static double[] rotate(double[] v, int quarterTurns) {
        double[] out = v;
        for (int t = 0; t < quarterTurns; t++) {
            double[] next = new double[v.length];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    next[y * 32 + x] = out[(31 - x) * 32 + y];
                }
            }
            out = next;
        }
        return out;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
