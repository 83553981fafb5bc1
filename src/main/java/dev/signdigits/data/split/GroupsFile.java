package dev.signdigits.data.split;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code file,label,group} CSV saying which photos belong together (one person's session), so a
 * split can keep each group in one part and measure accuracy on people the model has not seen.
 *
 * @param source where it was read from
 * @param rows   relative path -> its row, in file order
 */
public record GroupsFile(Path source, Map<String, Row> rows) {
    public static final String FILE_NAME = "groups.csv";

    /** One line of the file. */
    public record Row(String file, String label, String group) {}

    public GroupsFile {
        rows = Map.copyOf(rows);
    }

    /** {@code <dataDir>/groups.csv} if it exists, otherwise null (an ungrouped split). */
    public static GroupsFile readIfPresent(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? read(file) : null;
    }

    public static GroupsFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SignDigitsException("Cannot read groups file " + file + " (" + e.getMessage()
                    + "): fix the path given with --groups, or pass --groups none.", e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = Csv.split(line);
            if (fields == null || fields.size() != 3) {
                throw bad(file, i, "expected file,label,group");
            }
            if (rows.isEmpty() && fields.get(0).equals("file")) {
                continue; // the header
            }
            String path = fields.get(0).strip().replace('\\', '/');
            if (!isSafeRelativePath(path)) {
                throw bad(file, i, "\"" + path + "\" is not a path relative to the dataset");
            }
            if (fields.get(2).isBlank()) {
                throw bad(file, i, "the group is empty");
            }
            if (rows.put(path, new Row(path, fields.get(1).strip(), fields.get(2).strip())) != null) {
                throw bad(file, i, path + " is listed twice");
            }
        }
        return new GroupsFile(file, rows);
    }

    /** No absolute paths, no "..": a manifest or groups file can only name files inside the dataset. */
    static boolean isSafeRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0") || path.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static SignDigitsException bad(Path file, int line, String why) {
        return new SignDigitsException("Groups file " + file + " line " + (line + 1) + " is malformed (" + why
                + "): fix it, or pass --groups none for an ungrouped split.");
    }
}
