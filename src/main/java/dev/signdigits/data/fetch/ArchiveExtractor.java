package dev.signdigits.data.fetch;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks the dataset from a zip of the GitHub repository: every file directly inside a digit
 * folder ({@code .../Dataset/7/IMG_1.JPG} becomes {@code 7/IMG_1.JPG}), plus the LICENSE. Entry
 * names are never used as paths: only a digit and a plain file name are taken from them, and the
 * result must stay inside the target (zip slip). Sizes are counted while copying (zip bombs).
 */
final class ArchiveExtractor {
    static final long MAX_TOTAL_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 200_000;

    private ArchiveExtractor() {}

    /** Returns the number of photos extracted. */
    static int extract(Path zip, Path target) throws IOException {
        int photos = 0;
        long written = 0;
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            if (archive.size() > MAX_ENTRIES) {
                throw new SignDigitsException("Archive " + zip + " has " + archive.size() + " entries, more than a dataset should:"
                        + " check the download URL.");
            }
            for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String destination = destination(entry.getName());
                if (destination == null) {
                    continue;
                }
                Path out = root.resolve(destination).normalize();
                if (!out.startsWith(root)) {
                    throw new SignDigitsException("Archive " + zip + " has an entry that points outside the data directory ("
                            + entry.getName() + "): the archive is unsafe, so check the download URL.");
                }
                if (Files.exists(out)) {
                    throw new SignDigitsException("Archive " + zip + " holds two files for " + destination
                            + ": check the download URL.");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    written += copyLimited(in, os, MAX_TOTAL_BYTES - written, zip);
                }
                if (!destination.equals("LICENSE")) {
                    photos++;
                }
            }
        }
        return photos;
    }

    /** Where an entry goes inside the dataset, or null to skip it. */
    static String destination(String entryName) {
        String[] parts = entryName.replace('\\', '/').split("/");
        String name = parts[parts.length - 1];
        if (!isPlainName(name)) {
            return null;
        }
        if (parts.length >= 2 && parts[parts.length - 2].matches("[0-9]")
                && (parts.length == 2 || parts[parts.length - 3].equals("Dataset"))) {
            return parts[parts.length - 2] + "/" + name;
        }
        if (name.equals("LICENSE") && parts.length <= 2) {
            return "LICENSE";
        }
        return null;
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.startsWith(".") && !name.contains(":") && !name.contains("\0")
                && !name.equals("..");
    }

    private static long copyLimited(InputStream in, OutputStream out, long budget, Path zip) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > budget) {
                throw new SignDigitsException("Archive " + zip + " unpacks to more than " + (MAX_TOTAL_BYTES >> 30)
                        + " GiB, far more than the dataset: check the download URL.");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }
}
