package dev.signdigits.eval.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandMask;
import dev.signdigits.hand.HandResult;
import dev.signdigits.hand.Landmark;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.testing.HandDataset;
import dev.signdigits.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The robustness section's changes on real dataset photos, with the real hand locator for the
 * background-replaced one: deterministic in the seed, the sizes they promise, and each doing to the
 * pixels what its description says.
 */
class PhotoChangesTest {
    private static final List<String> FILES = List.of("0/IMG_1118.JPG", "3/IMG_1121.JPG", "5/IMG_1123.JPG", "9/IMG_1127.JPG");
    private static List<LabeledPhoto> photos;
    private static HandFraming locator;
    private static List<PhotoCondition> conditions;

    @BeforeAll
    static void openTheLocatorAndReadThePhotos() {
        ImageDecoder decoder = new ImageDecoder();
        List<LabeledPhoto> read = new ArrayList<>();
        for (String file : FILES) {
            BufferedImage image = decoder.decode(TinyModel.MIRROR.resolve(file)).rgb();
            read.add(new LabeledPhoto(file, Integer.parseInt(file.substring(0, 1)), null, image, null));
        }
        read.add(new LabeledPhoto("owl", 0, null, decoder.decode(HandDataset.NO_HAND).rgb(), null));
        photos = List.copyOf(read);
        locator = HandFraming.openFrom(HandFramingSpec.parse("auto"), 128, HandDataset.HAND_MODELS);
        conditions = Conditions.standard(photos, new OriginalHands(photos, locator));
    }

    @AfterAll
    static void closeTheLocator() {
        locator.close();
    }

    private static PhotoChange change(String name) {
        return conditions.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().change();
    }

    private static BufferedImage photo(int index) {
        return photos.get(index).image();
    }

    @Test
    void theSixConditionsComeInTheReportsOrderEachWithOneLineOfDescription() {
        assertThat(conditions).extracting(PhotoCondition::name).containsExactlyElementsOf(Conditions.NAMES);
        assertThat(conditions).allSatisfy(c -> assertThat(c.description()).isNotBlank().doesNotContain("\n"));
        assertThat(conditions).filteredOn(PhotoCondition::seeded).extracting(PhotoCondition::name)
                .containsExactly(Conditions.DARKENED, Conditions.BACKGROUND_REPLACED, Conditions.PHONE_LIKE);
        assertThat(Conditions.standard(photos, null)).extracting(PhotoCondition::name)
                .as("without a locator there are no hand masks").doesNotContain(Conditions.BACKGROUND_REPLACED).hasSize(5);
    }

    @Test
    void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() {
        for (PhotoCondition c : conditions) {
            for (int i = 0; i < FILES.size(); i++) {
                int[] first = pixels(c.change().apply(photo(i), i, 42));
                int[] again = pixels(c.change().apply(photo(i), i, 42));
                int[] otherSeed = pixels(c.change().apply(photo(i), i, 43));
                assertThat(again).as(c.name() + " " + FILES.get(i)).isEqualTo(first);
                if (c.seeded()) {
                    assertThat(otherSeed).as(c.name() + " " + FILES.get(i) + " with another seed").isNotEqualTo(first);
                } else {
                    assertThat(otherSeed).as(c.name() + " draws nothing at random").isEqualTo(first);
                }
            }
        }
        // and each photo of a set gets its own draw: the same photo at another index is changed otherwise
        assertThat(pixels(change(Conditions.PHONE_LIKE).apply(photo(0), 1, 42)))
                .isNotEqualTo(pixels(change(Conditions.PHONE_LIKE).apply(photo(0), 0, 42)));
    }

    @Test
    void phoneLikeIs640x480AndEveryOtherChangeKeepsThePhotosSize() {
        for (PhotoCondition c : conditions) {
            for (int i = 0; i < photos.size(); i++) {
                BufferedImage changed = c.change().apply(photo(i), i, 42);
                if (c.name().equals(Conditions.PHONE_LIKE)) {
                    assertThat(new int[] {changed.getWidth(), changed.getHeight()}).containsExactly(640, 480);
                } else {
                    assertThat(new int[] {changed.getWidth(), changed.getHeight()}).as(c.name())
                            .containsExactly(photo(i).getWidth(), photo(i).getHeight());
                }
            }
        }
    }

    @Test
    void grayscaleHasEqualChannelsHoldingTheBt601Luma() {
        BufferedImage photo = photo(1);
        int[] original = pixels(photo);
        int[] grey = pixels(change(Conditions.GRAYSCALE).apply(photo, 1, 42));
        assertThat(distinctColours(original)).as("the photo is in colour to begin with").isTrue();
        for (int i = 0; i < grey.length; i++) {
            int r = grey[i] >> 16 & 0xff;
            assertThat(grey[i] >> 8 & 0xff).isEqualTo(r);
            assertThat(grey[i] & 0xff).isEqualTo(r);
            int p = original[i];
            double luma = 0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff);
            assertThat((double) r).isCloseTo(luma, Offset.offset(0.5));
        }
    }

    @Test
    void darkenedLowersTheMeanLuminanceByTheDimRoomsFactor() {
        for (int i = 0; i < FILES.size(); i++) {
            int[] original = pixels(photo(i));
            int[] dark = pixels(change(Conditions.DARKENED).apply(photo(i), i, 42));
            double expected = 0;
            for (int p : original) {
                expected += 0.299 * DimRoom.dimmed(p >> 16 & 0xff) + 0.587 * DimRoom.dimmed(p >> 8 & 0xff)
                        + 0.114 * DimRoom.dimmed(p & 0xff);
            }
            expected /= original.length;
            double before = meanLuma(original);
            double after = meanLuma(dark);
            // the noise averages out: the mean is the room's tone curve's, to a fraction of a level
            assertThat(after).as(FILES.get(i)).isCloseTo(expected, Offset.offset(0.3));
            // x0.35 then gamma 1.3 leaves between 0.35^1.3 (white) and less (darker tones) of the light
            assertThat(after / before).as(FILES.get(i)).isBetween(0.08, Math.pow(0.35, 1.3));
            // and it is noisy: not the tone curve alone
            assertThat(dark).isNotEqualTo(pixels(toneOnly(photo(i))));
        }
    }

    @Test
    void blurIsAGaussianThatKeepsTheMeanAndRemovesFineDetail() {
        float[] k = GaussianBlur.kernel(2.0);
        assertThat(k).hasSize(13);
        double sum = 0;
        for (float w : k) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
        for (int d = 1; d <= 6; d++) {
            assertThat((double) k[6 + d]).isEqualTo(k[6 - d]);
            assertThat(k[6 + d] / (double) k[6]).as("a Gaussian, not a box").isCloseTo(Math.exp(-d * d / 8.0),
                    Offset.offset(1e-5));
        }
        assertThat(new GaussianBlur(GaussianBlur.DEFAULT_SHARE).sigma(100, 100)).isEqualTo(2.0);
        for (int i = 0; i < FILES.size(); i++) {
            int[] original = pixels(photo(i));
            int[] blurred = pixels(change(Conditions.BLURRED).apply(photo(i), i, 42));
            assertThat(meanLuma(blurred)).as(FILES.get(i)).isCloseTo(meanLuma(original), Offset.offset(0.5));
            double detailBefore = neighbourEnergy(original, photo(i).getWidth());
            double detailAfter = neighbourEnergy(blurred, photo(i).getWidth());
            assertThat(detailAfter).as(FILES.get(i)).isLessThan(0.3 * detailBefore);
        }
    }

    @Test
    void backgroundReplacedKeepsTheHandAndReplacesTheWallAwayFromIt() {
        for (int i = 0; i < FILES.size(); i++) {
            BufferedImage photo = photo(i);
            HandResult.Found hand = (HandResult.Found) locator.locate(photo);
            HandMask mask = HandMask.of(hand.landmarks(), photo.getWidth(), photo.getHeight());
            BufferedImage changed = change(Conditions.BACKGROUND_REPLACED).apply(photo, i, 42);
            int inside = 0;
            int far = 0;
            int farChanged = 0;
            for (int y = 0; y < photo.getHeight(); y++) {
                for (int x = 0; x < photo.getWidth(); x++) {
                    if (mask.at(x, y) == 1f) {
                        inside++;
                        assertThat(changed.getRGB(x, y)).as(FILES.get(i) + " on the hand at " + x + "," + y)
                                .isEqualTo(photo.getRGB(x, y));
                    } else if (mask.at(x, y) == 0f && distanceToHand(hand, x, y) > 25) {
                        far++;
                        farChanged += changed.getRGB(x, y) != photo.getRGB(x, y) ? 1 : 0;
                    }
                }
            }
            assertThat(inside).as(FILES.get(i) + " hand pixels").isGreaterThan(500);
            assertThat(far).as(FILES.get(i) + " wall pixels well away from the hand").isGreaterThan(200);
            assertThat(farChanged).as(FILES.get(i)).isGreaterThan((int) (0.9 * far));
        }
    }

    @Test
    void aPhotoWithoutAHandKeepsItsPixelsWhenItsBackgroundWouldBeReplaced() {
        int owl = photos.size() - 1;
        assertThat(locator.locate(photo(owl)).found()).isFalse();
        assertThat(pixels(change(Conditions.BACKGROUND_REPLACED).apply(photo(owl), owl, 42))).isEqualTo(pixels(photo(owl)));
    }

    @Test
    void theWallBackgroundIsAStripOfAnotherPhotoOfTheSet() {
        BufferedImage red = plain(0xff0000);
        BufferedImage blue = plain(0x0000ff);
        Backdrops backdrops = new Backdrops(List.of(red, blue));
        assertThat(distinct(pixels(backdrops.draw(Backdrops.Kind.WALL, 64, 48, 0, new SplittableRandom(1)))))
                .containsExactly(0x0000ff);
        assertThat(distinct(pixels(backdrops.draw(Backdrops.Kind.WALL, 64, 48, 1, new SplittableRandom(1)))))
                .containsExactly(0xff0000);
        // the drawn kinds are not plain: a gradient and the noise vary over the frame
        for (Backdrops.Kind kind : List.of(Backdrops.Kind.GRADIENT, Backdrops.Kind.VALUE_NOISE)) {
            assertThat(distinct(pixels(backdrops.draw(kind, 64, 48, 0, new SplittableRandom(2))))).as(kind.toString())
                    .hasSizeGreaterThan(5);
        }
    }

    private static BufferedImage toneOnly(BufferedImage photo) {
        int[] p = pixels(photo);
        for (int i = 0; i < p.length; i++) {
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                rgb |= (int) Math.max(0, Math.min(255, Math.round(DimRoom.dimmed(p[i] >> shift & 0xff)))) << shift;
            }
            p[i] = rgb;
        }
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, photo.getWidth(), photo.getHeight(), p, 0, photo.getWidth());
        return out;
    }

    private static BufferedImage plain(int rgb) {
        BufferedImage out = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static int[] pixels(BufferedImage image) {
        int[] p = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < p.length; i++) {
            p[i] &= 0xffffff;
        }
        return p;
    }

    private static List<Integer> distinct(int[] pixels) {
        return java.util.Arrays.stream(pixels).distinct().boxed().toList();
    }

    private static boolean distinctColours(int[] pixels) {
        return java.util.Arrays.stream(pixels).anyMatch(p -> (p >> 16 & 0xff) != (p & 0xff));
    }

    private static double meanLuma(int[] pixels) {
        double sum = 0;
        for (int p : pixels) {
            sum += 0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff);
        }
        return sum / pixels.length;
    }

    /** The sum of squared luma differences between each pixel and its right and lower neighbours. */
    private static double neighbourEnergy(int[] pixels, int width) {
        Function<Integer, Double> luma = p -> 0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff);
        int height = pixels.length / width;
        double sum = 0;
        for (int y = 0; y + 1 < height; y++) {
            for (int x = 0; x + 1 < width; x++) {
                double here = luma.apply(pixels[y * width + x]);
                sum += Math.pow(here - luma.apply(pixels[y * width + x + 1]), 2)
                        + Math.pow(here - luma.apply(pixels[(y + 1) * width + x]), 2);
            }
        }
        return sum;
    }

    private static double distanceToHand(HandResult.Found hand, int x, int y) {
        double best = Double.MAX_VALUE;
        for (Landmark l : hand.landmarks()) {
            best = Math.min(best, Math.hypot(l.x() - x - 0.5, l.y() - y - 0.5));
        }
        return best;
    }
}
