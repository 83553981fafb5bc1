package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run lives. While training, everything (checkpoints, partial artifacts) is in a hidden
 * work directory {@code models/finetuned/.work-<run-id>}; only a finished run is renamed to
 * {@code models/finetuned/<run-id>} and then {@code latest} is switched to it, so readers never see
 * a half-written model and a killed run can be resumed from its work directory.
 */
public final class RunDirectory {
    private static final String WORK_PREFIX = ".work-";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path finetunedRoot;
    private final String runId;

    private RunDirectory(Path finetunedRoot, String runId) {
        this.finetunedRoot = finetunedRoot;
        this.runId = runId;
    }

    public static RunDirectory create(Path modelsDir, long seed) {
        Path root = modelsDir.resolve("finetuned");
        String id = ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-seed" + seed;
        RunDirectory run = new RunDirectory(root, id);
        try {
            Files.createDirectories(run.workDir());
        } catch (IOException e) {
            throw new SignDigitsException("Cannot create " + run.workDir() + " (" + e.getMessage()
                    + "): check that " + modelsDir + " is writable.", SignDigitsException.ENVIRONMENT, e);
        }
        return run;
    }

    /** The newest interrupted run, if any. */
    public static Optional<RunDirectory> latestInterrupted(Path modelsDir) {
        Path root = modelsDir.resolve("finetuned");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX))
                    .filter(p -> Files.isRegularFile(p.resolve("checkpoint").resolve("state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> new RunDirectory(root, p.getFileName().toString().substring(WORK_PREFIX.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String runId() {
        return runId;
    }

    public Path workDir() {
        return finetunedRoot.resolve(WORK_PREFIX + runId);
    }

    /** Where the finished run will be. */
    public Path finalDir() {
        return finetunedRoot.resolve(runId);
    }

    /**
     * Moves the finished artifacts (everything in {@code artifacts}) into the final run directory
     * and points {@code latest} at it; then removes the work directory.
     */
    public Path publish(Path artifacts) {
        try {
            AtomicFiles.replaceDirectory(artifacts, finalDir());
            pointLatest();
            AtomicFiles.deleteRecursively(workDir());
            return finalDir();
        } catch (IOException e) {
            throw new SignDigitsException("Could not publish run " + runId + " to " + finalDir() + " (" + e.getMessage()
                    + "); its checkpoints remain in " + workDir() + ", rerun with --resume.", SignDigitsException.ENVIRONMENT, e);
        }
    }

    private void pointLatest() throws IOException {
        Path latest = finetunedRoot.resolve("latest");
        Path tmp = finetunedRoot.resolve(".latest-" + System.nanoTime());
        Files.createSymbolicLink(tmp, Path.of(runId));
        Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
