package dev.signdigits.data;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a dataset laid out as one folder per class ({@code 0/ .. 9/}), the layout of the Sign
 * Language Digits dataset. Files at the root (LICENSE, groups.csv) and hidden entries are ignored;
 * a root folder that is not a digit is an error, so a misplaced folder is never silently dropped.
 */
public final class ImageFolder {
    /** Extensions counted as photos; the decoder still checks the content. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /** "2" before "10"; names of equal value by text. */
    static final Comparator<String> NATURAL_ORDER = Comparator
            .comparing((String s) -> s.replaceFirst("^0+(?=\\d)", "").length())
            .thenComparing(Comparator.naturalOrder());

    private ImageFolder() {}

    public static DatasetIndex scan(Path dir) {
        return scan(dir, "--data-dir");
    }

    /**
     * As {@link #scan(Path)}, for a folder the user named with {@code option}: messages tell them to fix
     * that option, and suggest 'signdigits data fetch' only for the dataset's own {@code --data-dir}.
     */
    public static DatasetIndex scan(Path dir, String option) {
        boolean dataset = option.equals("--data-dir");
        if (!Files.exists(dir)) {
            throw new SignDigitsException("Data directory " + dir + " does not exist: "
                    + (dataset ? "run 'signdigits data fetch' or pass --data-dir." : "pass " + option + " an existing folder."));
        }
        if (!Files.isDirectory(dir)) {
            throw new SignDigitsException("Data directory " + dir + " is a file, not a folder of class folders: pass the"
                    + " dataset folder with " + option + ".");
        }
        List<String> labels = classFolders(dir, dataset ? "run 'signdigits data fetch' or point --data-dir at the folder that holds them."
                : "point " + option + " at a folder with one folder per digit (0 to 9).");
        List<LabeledFile> entries = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int label = 0; label < labels.size(); label++) {
            Path classDir = dir.resolve(labels.get(label));
            int before = entries.size();
            for (Path file : listFiles(classDir)) {
                String relative = relative(dir, file);
                if (isImageName(file.getFileName().toString())) {
                    entries.add(new LabeledFile(relative, label));
                } else {
                    ignored.add(relative);
                }
            }
            if (entries.size() == before) {
                throw new SignDigitsException("Class folder " + classDir + " contains no images (" + String.join(", ",
                        IMAGE_EXTENSIONS.stream().sorted().toList()) + "): add photos or remove the folder.");
            }
        }
        entries.sort(Comparator.comparing(LabeledFile::relativePath));
        ignored.sort(Comparator.naturalOrder());
        return new DatasetIndex(dir, labels, entries, ignored);
    }

    /** Whether {@code name} has an image extension (case-insensitive). */
    public static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<String> classFolders(Path dir, String remedy) {
        List<String> labels = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || !Files.isDirectory(child)) {
                    continue;
                }
                if (!name.matches("[0-9]")) {
                    throw new SignDigitsException("Folder " + child + " is not a class: class folders must be named 0 to 9,"
                            + " so move it out of " + dir + ".");
                }
                labels.add(name);
            }
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
        if (labels.isEmpty()) {
            throw new SignDigitsException("Data directory " + dir + " has no class folders (0 to 9): " + remedy);
        }
        labels.sort(NATURAL_ORDER);
        return labels;
    }

    private static List<Path> listFiles(Path classDir) {
        try (Stream<Path> files = Files.walk(classDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !hidden(classDir, f))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unreadable(classDir, e);
        }
    }

    private static boolean hidden(Path classDir, Path file) {
        for (Path part : classDir.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static SignDigitsException unreadable(Path dir, Exception e) {
        return new SignDigitsException("Cannot list " + dir + " (" + e.getMessage() + "): check that it exists and is readable.", e);
    }
}
