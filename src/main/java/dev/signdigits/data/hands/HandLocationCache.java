package dev.signdigits.data.hands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signdigits.hand.HandResult;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache file of hand locations: for one {@link LocatorKey}, each photo's answer with the size
 * and modification time the photo had when it was read. An answer is served only for the same
 * path, size and time; anything else is located again. Thread-safe. A file that cannot be read, or
 * was written for another key, is ignored (and replaced on {@link #save()}), never an error: it is
 * only a cache.
 */
final class HandLocationCache {
    private static final Logger LOG = LoggerFactory.getLogger(HandLocationCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What identifies one version of a photo file: its size and modification time (nanoseconds). */
    record Stamp(long size, long modifiedNanos) {}

    private record Entry(Stamp stamp, HandResult result) {}

    private final Path file;
    private final LocatorKey key;
    private final Map<String, Entry> entries;
    private volatile boolean changed;

    private HandLocationCache(Path file, LocatorKey key, Map<String, Entry> entries) {
        this.file = file;
        this.key = key;
        this.entries = new ConcurrentHashMap<>(entries);
    }

    /** The cache for {@code key} in {@code dir}, with what an earlier run saved there. */
    static HandLocationCache load(Path dir, LocatorKey key) {
        Path file = dir.resolve(key.fileName());
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                if (JSON.convertValue(root.get("key"), Map.class).equals(key.values())) {
                    for (Map.Entry<String, JsonNode> photo : root.get("photos").properties()) {
                        JsonNode v = photo.getValue();
                        entries.put(photo.getKey(), new Entry(new Stamp(v.get("size").longValue(),
                                v.get("modified_ns").longValue()), HandResultJson.read(v.get("result"))));
                    }
                } else {
                    LOG.info("Ignoring {}: written for another hand locator", file);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Ignoring the unreadable hand location cache {} ({}); locating again", file, e.toString());
                entries.clear();
            }
        }
        return new HandLocationCache(file, key, entries);
    }

    Path file() {
        return file;
    }

    /** The answer saved for this version of the photo, or null. */
    HandResult get(String photo, Stamp stamp) {
        Entry entry = entries.get(photo);
        return entry != null && entry.stamp().equals(stamp) ? entry.result() : null;
    }

    void put(String photo, Stamp stamp, HandResult result) {
        entries.put(photo, new Entry(stamp, result));
        changed = true;
    }

    /** Writes the file atomically (a crash leaves the previous one), when anything was added. */
    void save() {
        if (!changed) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("key", JSON.valueToTree(key.values()));
        ObjectNode photos = root.putObject("photos");
        new TreeMap<>(entries).forEach((photo, entry) -> {
            ObjectNode v = photos.putObject(photo);
            v.put("size", entry.stamp().size());
            v.put("modified_ns", entry.stamp().modifiedNanos());
            v.set("result", HandResultJson.write(entry.result()));
        });
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
        changed = false;
    }
}
