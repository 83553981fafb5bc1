package dev.signdigits.compat;

import dev.signdigits.testing.TinyModel;
import java.nio.file.Path;
import java.util.List;

/**
 * The version-0.1 model fixture: where it lives, which of its files define the model format, and
 * the inputs its expected.csv records. Shared by {@link ModelFixtureGenerator}, which wrote it once,
 * and {@link ModelFixtureTest}, which checks every later version against it.
 */
final class ModelFixture {
    /** The committed fixture: what {@code signdigits train} wrote for a model, plus expected.csv. */
    static final Path DIR = Path.of("src", "test", "resources", "fixtures", "model-v0.1");
    /** The model files, copied as {@code train} wrote them. model.json and model.params are what the loader reads. */
    static final List<String> MODEL_FILES = List.of("model.json", "model.params", "labels.txt", "config.json", "provenance.json");
    static final String EXPECTED = "expected.csv";
    /** The fixture stays small enough to live in the repository. */
    static final long MAX_BYTES = 1_000_000;

    /**
     * Named photos of the offline mirror: the first photo of each digit and an iPhone photo stored
     * sideways (EXIF orientation 6), relative to {@link TinyModel#MIRROR}.
     */
    static final List<String> PHOTOS = List.of("0/IMG_1118.JPG", "1/IMG_1119.JPG", "2/IMG_1120.JPG", "3/IMG_1121.JPG",
            "4/IMG_1122.JPG", "5/IMG_1123.JPG", "6/IMG_1124.JPG", "7/IMG_1125.JPG", "8/IMG_1126.JPG", "9/IMG_1127.JPG",
            "7/IMG_5978.JPG");

    /** Synthetic inputs that reach the network without any image code, so a failure tells the model format apart from the image pipeline. */
    static final List<Integer> TENSOR_SEEDS = List.of(1, 2);

    private ModelFixture() {}

    /** A deterministic {@code 1 x 3 x size x size} input in the normalized range [-1, 1]. */
    static float[] tensor(int seed, int size) {
        float[] t = new float[3 * size * size];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) Math.sin(seed * 0.37 + i * 0.0131 * seed);
        }
        return t;
    }

    static String tensorName(int seed) {
        return "tensor:" + seed;
    }
}
