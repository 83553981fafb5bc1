package dev.signdigits.data.hands;

import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand locator's answers for the photos of one dataset, from the cache in {@code cacheDir}
 * where the photo is unchanged and located (then cached) otherwise. Every photo's size and time are
 * read when this is opened, before any photo is decoded: a photo edited after that is cached under
 * its old size and time, so it is located again next time, never answered from a stale entry.
 * Thread-safe, like the framing. Call {@link #save()} when done.
 */
public final class DatasetHands {
    /** The cache's folder inside the processed-data folder (beside the split manifest). */
    public static final String DIRECTORY = "hand-locations";

    private final HandFraming framing;
    private final DatasetIndex index;
    private final HandLocationCache cache;
    private final Map<String, HandLocationCache.Stamp> stamps;
    private final AtomicInteger fromCache = new AtomicInteger();
    private final AtomicInteger located = new AtomicInteger();

    private DatasetHands(HandFraming framing, DatasetIndex index, HandLocationCache cache,
                         Map<String, HandLocationCache.Stamp> stamps) {
        this.framing = framing;
        this.index = index;
        this.cache = cache;
        this.stamps = stamps;
    }

    /**
     * For a framing that {@link HandFraming#locates() locates}, with the cache under
     * {@code processedDir}/{@value #DIRECTORY} (or none when {@code processedDir} is null).
     */
    public static DatasetHands open(HandFraming framing, DatasetIndex index, Path processedDir) {
        if (!framing.locates()) {
            throw new IllegalArgumentException("the framing does not locate hands");
        }
        HandLocationCache cache = processedDir == null ? null : LocatorKey.of(framing.spec())
                .map(key -> HandLocationCache.load(processedDir.resolve(DIRECTORY), key)).orElse(null);
        Map<String, HandLocationCache.Stamp> stamps = new HashMap<>();
        if (cache != null) {
            for (LabeledFile file : index.entries()) {
                Path path = index.resolve(file);
                try {
                    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                    stamps.put(file.relativePath(), new HandLocationCache.Stamp(a.size(),
                            a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
                } catch (IOException e) {
                    // not cached: decoding it will report the problem
                }
            }
        }
        return new DatasetHands(framing, index, cache, stamps);
    }

    /** The locator's answer for {@code file}, decoded as {@code rgb}. */
    public HandResult locate(LabeledFile file, BufferedImage rgb) {
        String key = cacheKey(file);
        HandLocationCache.Stamp stamp = stamps.get(file.relativePath());
        if (cache != null && stamp != null) {
            HandResult cached = cache.get(key, stamp);
            if (cached != null) {
                fromCache.incrementAndGet();
                return cached;
            }
        }
        HandResult result = framing.locate(rgb);
        located.incrementAndGet();
        if (cache != null && stamp != null) {
            cache.put(key, stamp, result);
        }
        return result;
    }

    /** What the framing makes of the photo, by the cached answer where there is one. */
    public FramedPhoto frame(LabeledFile file, BufferedImage rgb) {
        return framing.frame(rgb, locate(file, rgb));
    }

    /** The locator and crop the answers are for. */
    public HandFramingSpec spec() {
        return framing.spec();
    }

    /** Answers served from the cache so far. */
    public int fromCache() {
        return fromCache.get();
    }

    /** Photos located so far (not in the cache, or changed). */
    public int located() {
        return located.get();
    }

    /** The cache file, or null when nothing is cached. */
    public Path cacheFile() {
        return cache == null ? null : cache.file();
    }

    /** Writes what was located into the cache file (atomically). */
    public void save() {
        if (cache != null) {
            cache.save();
        }
    }

    /** Photos are cached by absolute path, so two data folders never share an entry. */
    private String cacheKey(LabeledFile file) {
        return index.resolve(file).toAbsolutePath().normalize().toString();
    }
}
