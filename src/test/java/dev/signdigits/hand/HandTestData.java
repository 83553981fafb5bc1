package dev.signdigits.hand;

import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitFractions;
import dev.signdigits.data.split.SplitPlanner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The real photos and models in ../shared that the hand tests use, and the grouped split's photos. */
final class HandTestData {
    static final Path SHARED = Path.of("..", "shared");
    static final Path DATASET = SHARED.resolve("datasets/sign-language-digits");
    static final Path IMAGENET_SAMPLES = SHARED.resolve("pretrained/imagenet-samples");
    static final long SPLIT_SEED = 42;

    private HandTestData() {}

    /** The verified model files from the offline mirror (no download: tests never go online). */
    static HandModels.ModelPaths models(HandModels.Variant variant) {
        return HandModels.locate(variant, new HandModels.Locations(Path.of("target", "no-models"), Path.of(".")),
                (url, target, sha) -> {
                    throw new IllegalStateException("tests must not download " + url);
                });
    }

    /** A photo of the dataset or the ImageNet samples, decoded to TYPE_INT_RGB. */
    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException("cannot decode " + file);
            }
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(image, 0, 0, null);
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> imagenetSamples() {
        try (Stream<Path> files = Files.list(IMAGENET_SAMPLES)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The photos of one part of the grouped split (seed 42, 70/15/15): what `data split` writes. */
    static List<LabeledPhoto> split(Split part) {
        DatasetIndex index = ImageFolder.scan(DATASET);
        List<ManifestEntry> entries = SplitPlanner.plan(index, GroupsFile.readIfPresent(DATASET), SplitFractions.DEFAULT,
                SPLIT_SEED).manifest().entries();
        return entries.stream().filter(e -> e.split() == part)
                .map(e -> new LabeledPhoto(DATASET.resolve(e.file()), e.label(), e.group())).toList();
    }

    /** A dataset photo with its digit and group. */
    record LabeledPhoto(Path file, String label, String group) {}
}
