package dev.signdigits.web;

import dev.signdigits.runtime.DigitClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place tests get a classifier from. Today: {@link ExemplarClassifier} built from the first
 * three complete photo sessions (three people, digits 0-9 each) in ../shared. To test against the
 * real fine-tuned model later, change {@link #loader()} (and pick photos it gets right).
 */
public final class TestModels {
    public static final Path DATASET = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static final int SESSIONS = 3;
    private static final ProjectImageDecoder DECODER = new ProjectImageDecoder(50_000_000);
    private static List<Path> photos;
    private static List<ExemplarClassifier.Exemplar> exemplars;

    /** Every classifier the loader made, to check later that swapped-out ones were closed. */
    public static final List<DigitClassifier> LOADED = new CopyOnWriteArrayList<>();

    private TestModels() {}

    /** Photos the test classifier has seen, ordered by session then digit: it classifies these right. */
    public static synchronized List<Path> knownPhotos() {
        if (photos == null) {
            photos = readSessions();
        }
        return photos;
    }

    /** A photo of {@code digit} that the test classifier classifies right. */
    public static Path photo(int digit) {
        return knownPhotos().stream().filter(p -> p.getParent().getFileName().toString().equals(Integer.toString(digit)))
                .findFirst().orElseThrow();
    }

    public static byte[] bytes(Path photo) {
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads "models" for tests: a model directory holds {@code model-id.txt} (the id) and optionally
     * {@code fail.txt} (loading throws, as a broken model would).
     */
    public static ClassifierLoader loader() {
        return dir -> {
            if (Files.exists(dir.resolve("fail.txt"))) {
                throw new dev.signdigits.SignDigitsException("The model in " + dir + " is broken (test).");
            }
            ExemplarClassifier classifier = classifier(readId(dir), Map.of(
                    "architecture", "nearest exemplar (test stand-in)",
                    "test_accuracy", "1.0 on its own exemplars",
                    "notes", "<script>alert('escaped?')</script>"));
            LOADED.add(classifier);
            return classifier;
        };
    }

    public static synchronized ExemplarClassifier classifier(String id, Map<String, String> properties) {
        if (exemplars == null) {
            List<ExemplarClassifier.Exemplar> built = new ArrayList<>();
            for (Path photo : knownPhotos()) {
                int digit = Integer.parseInt(photo.getParent().getFileName().toString());
                built.add(new ExemplarClassifier.Exemplar(digit,
                        ExemplarClassifier.features(DECODER.decode(bytes(photo), photo.toString()))));
            }
            exemplars = List.copyOf(built);
        }
        return new ExemplarClassifier(id, exemplars, properties);
    }

    /** Creates a model directory {@code parent/name} whose model has the given id. */
    public static Path modelDir(Path parent, String name, String id) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            Files.writeString(dir.resolve("model-id.txt"), id);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readId(Path dir) {
        try {
            Path file = dir.resolve("model-id.txt");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip()
                    : dir.getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> readSessions() {
        try {
            Map<String, Map<Integer, Path>> sessions = new TreeMap<>();
            for (String line : Files.readAllLines(DATASET.resolve("groups.csv"))) {
                String[] cells = line.strip().split(",");
                if (cells.length != 3 || cells[0].equals("file")) {
                    continue;
                }
                sessions.computeIfAbsent(cells[2], g -> new TreeMap<>())
                        .put(Integer.parseInt(cells[1]), DATASET.resolve(cells[0]));
            }
            List<Path> chosen = new ArrayList<>();
            sessions.values().stream().filter(s -> s.size() == 10).limit(SESSIONS)
                    .forEach(s -> chosen.addAll(s.values()));
            return List.copyOf(chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("the tests need ../shared/datasets/sign-language-digits", e);
        }
    }
}
