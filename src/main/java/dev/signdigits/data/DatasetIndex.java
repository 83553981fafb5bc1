package dev.signdigits.data;

import dev.signdigits.io.Sha256;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The photos of an image-folder dataset: class names sorted naturally, files sorted by relative
 * path, plus the files that were skipped because they are not images. Immutable; the content hash
 * is computed once, on first use.
 */
public final class DatasetIndex {
    private final Path root;
    private final List<String> labels;
    private final List<LabeledFile> entries;
    private final List<String> ignoredFiles;
    private volatile String contentHash;

    public DatasetIndex(Path root, List<String> labels, List<LabeledFile> entries, List<String> ignoredFiles) {
        this.root = root;
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
        this.ignoredFiles = List.copyOf(ignoredFiles);
    }

    public Path root() {
        return root;
    }

    /** Class names in label order, e.g. "0".."9". */
    public List<String> labels() {
        return labels;
    }

    /** Every photo, sorted by relative path. */
    public List<LabeledFile> entries() {
        return entries;
    }

    /** Files inside class folders that are not images (by extension), relative to the root. */
    public List<String> ignoredFiles() {
        return ignoredFiles;
    }

    public int size() {
        return entries.size();
    }

    public Path resolve(LabeledFile file) {
        return root.resolve(file.relativePath());
    }

    public String labelName(LabeledFile file) {
        return labels.get(file.label());
    }

    /** Photos per class name, in label order. */
    public Map<String, Integer> countsPerLabel() {
        Map<String, Integer> counts = new TreeMap<>(ImageFolder.NATURAL_ORDER);
        labels.forEach(label -> counts.put(label, 0));
        entries.forEach(e -> counts.merge(labels.get(e.label()), 1, Integer::sum));
        return counts;
    }

    /**
     * SHA-256 over every (relative path, class name, file SHA-256) line in path order: equal for
     * two copies of the same dataset, different as soon as a file is added, moved or edited.
     */
    public String contentHash() {
        String hash = contentHash;
        if (hash == null) {
            MessageDigest digest = Sha256.newDigest();
            for (LabeledFile entry : entries) {
                String fileHash;
                try {
                    fileHash = Sha256.of(resolve(entry));
                } catch (UncheckedIOException e) {
                    fileHash = "unreadable";
                }
                String line = entry.relativePath() + "\t" + labelName(entry) + "\t" + fileHash + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            hash = Sha256.hex(digest);
            contentHash = hash;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "DatasetIndex[" + root + ", " + entries.size() + " photos in " + labels.size() + " classes]";
    }
}
