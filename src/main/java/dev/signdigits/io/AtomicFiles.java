package dev.signdigits.io;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes that never leave a half-written artifact: content goes to a temporary sibling first and
 * is renamed into place, so a crash, a kill or a full disk leaves the previous version intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, Writer writer) {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            makeReadable(tmp);
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new SignDigitsException("Could not write " + target + " (" + e.getMessage()
                    + "); the previous version, if any, is unchanged: free disk space or check permissions.",
                    SignDigitsException.ENVIRONMENT, e);
        }
    }

    /**
     * Fills a fresh temporary directory beside {@code target}, then swaps it into place. An existing
     * target is moved aside first and deleted only after the new one is in place.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp");
            writer.write(tmp);
            makeReadable(tmp);
            replaceDirectory(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new SignDigitsException("Could not write " + target + " (" + e.getMessage()
                    + "); the previous version, if any, is unchanged: free disk space or check permissions.",
                    SignDigitsException.ENVIRONMENT, e);
        } finally {
            deleteRecursively(tmp); // whatever the writer threw, no half-written sibling stays behind
        }
    }

    /** Moves a finished directory into place, replacing any existing one. */
    public static void replaceDirectory(Path finished, Path target) throws IOException {
        if (Files.exists(target)) {
            Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        } else {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Temp files are created owner-only; artifacts should get the usual rw-r--r-- (rwxr-xr-x for dirs). */
    private static void makeReadable(Path path) {
        try {
            boolean dir = Files.isDirectory(path);
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(dir ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: keep the defaults
        }
    }

    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stray temp file is harmless and named with a leading dot
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort cleanup of our own temp directories
        }
    }
}
