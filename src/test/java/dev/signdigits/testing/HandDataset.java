package dev.signdigits.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small dataset in the image-folder layout for hand-locator tests: the first real photos of a
 * few digits from the mirror, plus {@link #NO_HAND_FILE}, a real photo without a hand (an owl, from
 * the ImageNet samples of the mirror) filed under the first digit, as a stray photo would be.
 */
public final class HandDataset {
    /** The ImageNet sample photo without a hand. */
    public static final Path NO_HAND = Path.of("..", "shared", "pretrained", "imagenet-samples", "owl.jpg");
    /** The MediaPipe hand model files of the mirror. */
    public static final Path HAND_MODELS = Path.of("..", "shared", "pretrained", "mediapipe-hands");
    /** Where {@link #create} files the photo without a hand, relative to the dataset. */
    public static final String NO_HAND_FILE = "owl.jpg";

    private HandDataset() {}

    /**
     * Creates the dataset in {@code root}: {@code perDigit} photos of each of {@code digits}, and
     * the owl in the first digit's folder. Returns the owl's path relative to {@code root}.
     */
    public static String create(Path root, int perDigit, List<Integer> digits) {
        try {
            for (int digit : digits) {
                Path folder = Files.createDirectories(root.resolve(Integer.toString(digit)));
                try (Stream<Path> photos = Files.list(TinyModel.MIRROR.resolve(Integer.toString(digit)))) {
                    for (Path photo : photos.sorted().limit(perDigit).toList()) {
                        Files.copy(photo, folder.resolve(photo.getFileName()));
                    }
                }
            }
            String owl = digits.get(0) + "/" + NO_HAND_FILE;
            Files.copy(NO_HAND, root.resolve(owl));
            return owl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
