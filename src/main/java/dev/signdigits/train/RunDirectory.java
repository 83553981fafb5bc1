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
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a run lives. While training, everything (checkpoints, partial artifacts) is in a hidden
 * work directory {@code models/finetuned/.work-<run-id>}; only a finished run is renamed to
 * {@code models/finetuned/<run-id>} and then {@code latest} is switched to it, so readers never see
 * a half-written model and a killed run can be resumed from its work directory.
 */
public final class RunDirectory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunDirectory.class);
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
                    .filter(p -> CheckpointStore.completeCheckpoint(p).isPresent())
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> new RunDirectory(root, p.getFileName().toString().substring(WORK_PREFIX.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every work directory under {@code modelsDir}: interrupted runs, resumable or not. */
    public static List<Interrupted> interrupted(Path modelsDir) {
        Path root = modelsDir.resolve("finetuned");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX) && Files.isDirectory(p))
                    .sorted()
                    .map(p -> new Interrupted(p, CheckpointStore.completeCheckpoint(p).map(c -> completedEpochs(c))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A work directory left by a run that did not finish, and the epochs its newest complete checkpoint holds. */
    public record Interrupted(Path directory, Optional<Integer> completedEpochs) {
        public String describe() {
            return directory + ": " + completedEpochs.map(n -> "resumable after epoch " + n)
                    .orElse("no complete checkpoint (stopped before its first checkpoint was written); cannot be resumed");
        }
    }

    /** Deletes every work directory under {@code modelsDir}; returns what it removed. */
    public static List<Interrupted> removeInterrupted(Path modelsDir) {
        List<Interrupted> all = interrupted(modelsDir);
        all.forEach(i -> AtomicFiles.deleteRecursively(i.directory()));
        return all;
    }

    /** The sentence for a --resume that finds no resumable run, naming any abandoned work directory. */
    static String nothingToResume(Path modelsDir) {
        List<Interrupted> abandoned = interrupted(modelsDir);
        String where = modelsDir.resolve("finetuned").toString();
        if (abandoned.isEmpty()) {
            return "Nothing to resume: no interrupted run under " + where + "; start a new run without --resume.";
        }
        return "Nothing to resume: " + abandoned.stream().map(Interrupted::describe).collect(Collectors.joining("; "))
                + ". Start a new run without --resume, and remove the abandoned work directories with"
                + " 'signdigits train --remove-interrupted'.";
    }

    /** At the start of a new run: says once that older interrupted runs exist, and how to resume or remove them. */
    static void noteAbandoned(Path modelsDir, RunDirectory current) {
        List<Interrupted> others = interrupted(modelsDir).stream()
                .filter(i -> !i.directory().equals(current.workDir())).toList();
        if (!others.isEmpty()) {
            LOG.warn("{} interrupted run(s) under {} take disk space: {}. Resume the newest with --resume, list them with"
                            + " 'signdigits train --list-interrupted', remove them with 'signdigits train --remove-interrupted'.",
                    others.size(), modelsDir.resolve("finetuned"),
                    others.stream().map(Interrupted::describe).collect(Collectors.joining("; ")));
        }
    }

    private static int completedEpochs(Path checkpoint) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(checkpoint.resolve("state.json").toFile())
                    .path("completedEpochs").asInt();
        } catch (IOException e) {
            return 0;
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
