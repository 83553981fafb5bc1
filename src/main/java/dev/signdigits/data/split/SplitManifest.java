package dev.signdigits.data.split;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which photo is in which split, as a CSV file ({@code file,label,group,split}) preceded by
 * {@code # key: value} lines with the {@link SplitMetadata}. Entries are sorted by path and nothing
 * time-dependent is written, so the same data and seed give a byte-identical file.
 */
public record SplitManifest(SplitMetadata metadata, List<ManifestEntry> entries) {
    static final String HEADER = "file,label,group,split";
    private static final String TITLE = "# signdigits split manifest";
    private static final int FORMAT = 1;

    public SplitManifest {
        entries = entries.stream().sorted(Comparator.comparing(ManifestEntry::file)).toList();
    }

    public List<ManifestEntry> entries(Split split) {
        return entries.stream().filter(e -> e.split() == split).toList();
    }

    /** The photos of one split with labels as indexes into {@code metadata().labels()}. */
    public List<LabeledFile> files(Split split) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < metadata.labels().size(); i++) {
            index.put(metadata.labels().get(i), i);
        }
        return entries(split).stream().map(e -> new LabeledFile(e.file(), index.get(e.label()))).toList();
    }

    /** Whether this manifest was made from exactly the photos of {@code index} (same content hash). */
    public boolean matches(DatasetIndex index) {
        return metadata.datasetSha256().equals(index.contentHash());
    }

    public Map<Split, Integer> counts() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        Arrays.stream(Split.values()).forEach(s -> counts.put(s, 0));
        entries.forEach(e -> counts.merge(e.split(), 1, Integer::sum));
        return counts;
    }

    public String toCsv() {
        StringBuilder out = new StringBuilder();
        out.append(TITLE).append('\n');
        header(out, "format", Integer.toString(FORMAT));
        header(out, "seed", Long.toString(metadata.seed()));
        header(out, "fractions", metadata.fractions().toString());
        header(out, "dataset_sha256", metadata.datasetSha256());
        header(out, "grouped", Boolean.toString(metadata.grouped()));
        header(out, "labels", String.join(" ", metadata.labels()));
        out.append(HEADER).append('\n');
        for (ManifestEntry e : entries) {
            out.append(Csv.join(e.file(), e.label(), e.group(), e.split().id())).append('\n');
        }
        return out.toString();
    }

    /** Writes atomically: a crash leaves the previous manifest, never half of a new one. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    public static SplitManifest read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SignDigitsException("Split manifest " + file + " does not exist: run 'signdigits data split' first.", e);
        } catch (IOException e) {
            throw new SignDigitsException("Cannot read split manifest " + file + " (" + e.getMessage() + "): check the file.", e);
        }
        return parse(file, lines);
    }

    static SplitManifest parse(Path file, List<String> lines) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<ManifestEntry> entries = new ArrayList<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (!headerSeen && line.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    meta.put(line.substring(1, colon).strip(), line.substring(colon + 1).strip());
                }
                continue;
            }
            if (!headerSeen) {
                if (!line.strip().equals(HEADER)) {
                    throw bad(file, i, "expected the header \"" + HEADER + "\"");
                }
                headerSeen = true;
                continue;
            }
            List<String> fields = Csv.split(line);
            if (fields == null || fields.size() != 4) {
                throw bad(file, i, "expected 4 comma-separated fields");
            }
            if (!GroupsFile.isSafeRelativePath(fields.get(0))) {
                throw bad(file, i, "\"" + fields.get(0) + "\" is not a relative path inside the dataset");
            }
            try {
                entries.add(new ManifestEntry(fields.get(0), fields.get(1), fields.get(2), Split.parse(fields.get(3))));
            } catch (SignDigitsException e) {
                throw bad(file, i, e.getMessage().replaceAll("\\.$", ""));
            }
        }
        if (!headerSeen) {
            throw new SignDigitsException("Split manifest " + file + " has no \"" + HEADER + "\" header: run 'signdigits data split' to write it again.");
        }
        if (!meta.containsKey("labels")) {
            meta.put("labels", String.join(" ", entries.stream().map(ManifestEntry::label).distinct().sorted().toList()));
        }
        SplitMetadata metadata = metadata(file, meta);
        for (ManifestEntry entry : entries) {
            if (!metadata.labels().contains(entry.label())) {
                throw new SignDigitsException("Split manifest " + file + " lists " + entry.file() + " with label \"" + entry.label()
                        + "\", which is not among its labels " + metadata.labels() + ": run 'signdigits data split' again.");
            }
        }
        return new SplitManifest(metadata, entries);
    }

    private static SplitMetadata metadata(Path file, Map<String, String> meta) {
        try {
            return new SplitMetadata(
                    Long.parseLong(meta.getOrDefault("seed", "0")),
                    SplitFractions.parse(meta.getOrDefault("fractions", SplitFractions.DEFAULT.toString())),
                    meta.getOrDefault("dataset_sha256", ""),
                    Boolean.parseBoolean(meta.getOrDefault("grouped", "false")),
                    List.of(meta.getOrDefault("labels", "").split("\\s+")).stream().filter(s -> !s.isEmpty()).toList());
        } catch (NumberFormatException e) {
            throw new SignDigitsException("Split manifest " + file + " has a malformed header (" + e.getMessage()
                    + "): run 'signdigits data split' to write it again.", e);
        }
    }

    private static void header(StringBuilder out, String key, String value) {
        out.append("# ").append(key).append(": ").append(value).append('\n');
    }

    private static SignDigitsException bad(Path file, int line, String why) {
        return new SignDigitsException("Split manifest " + file + " line " + (line + 1) + " is malformed (" + why
                + "): run 'signdigits data split' to write it again.");
    }
}
