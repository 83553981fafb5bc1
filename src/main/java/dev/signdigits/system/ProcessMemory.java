package dev.signdigits.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident and peak memory of this process from /proc (Linux). Native memory from PyTorch does not
 * show in the Java heap, so growth across epochs or requests is watched here.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Current resident set size in bytes, or -1 where /proc is unavailable. */
    public static long rssBytes() {
        return field("VmRSS:");
    }

    /** Peak resident set size in bytes, or -1 where /proc is unavailable. */
    public static long peakRssBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
