package dev.signdigits.web;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the model directory that the configured {@code --model} path means: a model directory, a
 * symbolic link to one (e.g. {@code models/latest}), or a small pointer file whose first line names
 * one relative to the pointer's folder. Only the operator's configured path is ever resolved.
 */
public final class ModelLocator {
    private static final long MAX_POINTER_BYTES = 4096;

    private ModelLocator() {}

    /** Where the pointer leads now, and a fingerprint that changes when the model there is replaced. */
    public record Resolved(Path directory, String fingerprint) {}

    public static Resolved resolve(Path configured) {
        try {
            Path directory = directoryOf(configured);
            return new Resolved(directory, fingerprint(directory));
        } catch (IOException e) {
            throw new SignDigitsException("Cannot read the model at " + configured + " (" + e.getMessage()
                    + "): pass --model a model directory or a 'latest' pointer to one.", e);
        }
    }

    private static Path directoryOf(Path configured) throws IOException {
        if (Files.isDirectory(configured)) {
            return configured.toRealPath();
        }
        if (Files.isSymbolicLink(configured)) { // a link whose target is neither a directory nor a file: dangling
            throw new SignDigitsException("Model link " + configured + " points to " + Files.readSymbolicLink(configured)
                    + ", which does not exist: point it at a model directory.");
        }
        if (!Files.isRegularFile(configured)) {
            throw new SignDigitsException("Model path " + configured
                    + " does not exist: pass --model a model directory or a 'latest' pointer to one.");
        }
        if (Files.size(configured) > MAX_POINTER_BYTES) {
            throw new SignDigitsException("Model pointer " + configured
                    + " is not a pointer file (too large): pass --model a model directory or a small file naming one.");
        }
        List<String> lines = Files.readAllLines(configured, StandardCharsets.UTF_8);
        String target = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (target.isEmpty()) {
            throw new SignDigitsException("Model pointer " + configured + " is empty: write the model directory's name into it.");
        }
        Path parent = configured.toAbsolutePath().getParent();
        Path directory = parent.resolve(target).normalize();
        if (!Files.isDirectory(directory)) {
            throw new SignDigitsException("Model pointer " + configured + " names " + directory
                    + ", which is not a directory: point it at a model directory.");
        }
        return directory.toRealPath();
    }

    /**
     * Identity of the directory (so an atomic replacement shows) plus name, size and time of each
     * model file in it: the regular files at its top level. Folders (such as the {@code evaluations/}
     * that {@code evaluate} writes) and hidden files (temporary files of atomic writes) are not the
     * model, so writing them reloads nothing.
     */
    private static String fingerprint(Path directory) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        StringBuilder out = new StringBuilder(directory.toString()).append('|').append(attributes.fileKey());
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (!a.isRegularFile() || file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                out.append('|').append(file.getFileName()).append(':').append(a.size()).append(':')
                        .append(a.lastModifiedTime().toMillis());
            }
        }
        return out.toString();
    }
}
