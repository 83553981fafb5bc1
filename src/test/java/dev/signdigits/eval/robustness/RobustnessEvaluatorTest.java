package dev.signdigits.eval.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.eval.ModelAccuracy;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import dev.signdigits.shape.Combination;
import dev.signdigits.testing.HandDataset;
import dev.signdigits.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The robustness section's counting with the real hand locator, on real photos of two digits and a
 * photo without a hand, read by a classifier that only tells light photos (a "0") from dark ones (a
 * "1"): the changed pixels are what gets classified, and a photo without a hand counts toward the
 * photos but not the hands.
 */
class RobustnessEvaluatorTest {
    private static final List<String> LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** "0" for a light framed photo, "1" for a dark one; counts what it reads and the largest batch. */
    private static final class LightOrDark implements DigitClassifier {
        final AtomicInteger read = new AtomicInteger();
        final AtomicInteger largestBatch = new AtomicInteger();

        @Override
        public ModelInfo info() {
            return new ModelInfo("light-or-dark", "test", LABELS, 128, Map.of());
        }

        @Override
        public List<float[]> classify(List<BufferedImage> images) {
            read.addAndGet(images.size());
            largestBatch.accumulateAndGet(images.size(), Math::max);
            List<float[]> out = new ArrayList<>();
            for (BufferedImage image : images) {
                float[] p = new float[LABELS.size()];
                p[meanLuma(image) > 60 ? 0 : 1] = 1;
                out.add(p);
            }
            return out;
        }

        @Override
        public void close() {}
    }

    @Test
    void changedPhotosAreClassifiedAndAPhotoWithoutAHandCountsOnlyAsAPhoto() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        List<LabeledPhoto> photos = new ArrayList<>();
        for (int digit : new int[] {0, 1}) {
            try (Stream<Path> files = Files.list(TinyModel.MIRROR.resolve(Integer.toString(digit)))) {
                for (Path file : files.sorted().limit(3).toList()) {
                    photos.add(new LabeledPhoto(digit + "/" + file.getFileName(), digit, null, decoder.decode(file).rgb(), null));
                }
            }
        }
        photos.add(new LabeledPhoto("0/owl.jpg", 0, null, decoder.decode(HandDataset.NO_HAND).rgb(), null));
        LightOrDark classifier = new LightOrDark();

        try (HandFraming framing = HandFraming.openFrom(HandFramingSpec.parse("auto"), 128, HandDataset.HAND_MODELS)) {
            List<Boolean> found = photos.stream().map(p -> framing.locate(p.image()).found()).toList();
            long hands = found.stream().filter(f -> f).count();
            long zeros = 0;
            for (int i = 0; i < photos.size(); i++) {
                zeros += found.get(i) && photos.get(i).label() == 0 ? 1 : 0;
            }
            assertThat(found.get(photos.size() - 1)).as("the owl").isFalse();
            assertThat(hands).as("hands in the dataset photos").isGreaterThanOrEqualTo(5);

            List<Breakdown.Condition> rows = new RobustnessEvaluator(classifier, framing, Combination.IDENTITY, 4, 2)
                    .evaluate(photos, Conditions.standard(photos, new OriginalHands(photos, framing)), 42);

            assertThat(rows).extracting(Breakdown.Condition::name).containsExactlyElementsOf(Conditions.NAMES);
            assertThat(rows).allSatisfy(r -> assertThat(r.photos()).isEqualTo(photos.size()));
            Breakdown.Condition asIs = rows.get(0);
            Breakdown.Condition darkened = rows.get(3);
            assertThat(asIs.handsFound()).isEqualTo((int) hands);
            assertThat(asIs.models()).extracting(ModelAccuracy::model).containsExactly(ModelAccuracy.IMAGE, ModelAccuracy.SERVED);
            // light photos read "0": exactly the zeros with a hand are right; in the dim room they read "1"
            assertThat(image(asIs).correct()).isEqualTo((int) zeros);
            assertThat(image(asIs).count()).isEqualTo((int) hands);
            assertThat(image(darkened).correct()).isEqualTo(darkened.handsFound() - countZeros(darkened, photos, framing));
            assertThat(asIs.servedOverall()).isEqualTo(zeros / (double) photos.size());
            assertThat(darkened.description()).endsWith("; seed 42");
            assertThat(asIs.description()).doesNotContain("seed");

            // with the locator's answers on the originals known (as evaluate passes them), the same numbers
            List<LabeledPhoto> located = photos.stream().map(p -> new LabeledPhoto(p.file(), p.label(), p.group(), p.image(),
                    framing.locate(p.image()))).toList();
            assertThat(new RobustnessEvaluator(classifier, framing, Combination.IDENTITY, 4, 2)
                    .evaluate(located, Conditions.standard(located, new OriginalHands(located, null)), 42)).isEqualTo(rows);
        }
        assertThat(classifier.largestBatch.get()).isLessThanOrEqualTo(4);
    }

    /** The photos labelled 0 in which the locator finds a hand once darkened, as the evaluator darkened them. */
    private static int countZeros(Breakdown.Condition darkened, List<LabeledPhoto> photos, HandFraming framing) {
        int zeros = 0;
        DimRoom room = new DimRoom();
        for (int i = 0; i < photos.size(); i++) {
            if (photos.get(i).label() == 0 && framing.locate(room.apply(photos.get(i).image(), i, 42)).found()) {
                zeros++;
            }
        }
        return zeros;
    }

    private static ModelAccuracy image(Breakdown.Condition c) {
        return c.models().stream().filter(m -> m.model().equals(ModelAccuracy.IMAGE)).findFirst().orElseThrow();
    }

    private static double meanLuma(BufferedImage image) {
        int[] p = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        double sum = 0;
        for (int rgb : p) {
            sum += 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
        }
        return sum / p.length;
    }
}
