package dev.signdigits.config;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .env} file: {@code KEY=value} lines, {@code #} comments, optional quotes and an optional
 * {@code export } prefix. Values are taken literally (no variable expansion), as docker compose does.
 */
public record DotEnv(Path source, Map<String, String> values) {

    public static DotEnv empty() {
        return new DotEnv(null, Map.of());
    }

    /** Reads {@code file} if it exists, otherwise returns an empty set of values. */
    public static DotEnv readIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SignDigitsException("Cannot read " + file + " (" + e.getMessage() + "): fix its permissions or remove it.", e);
        }
    }

    public static DotEnv parse(Path source, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new SignDigitsException(source + " line " + (i + 1) + " is not KEY=value: \"" + line
                        + "\"; fix or remove that line.");
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return new DotEnv(source, Map.copyOf(values));
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
