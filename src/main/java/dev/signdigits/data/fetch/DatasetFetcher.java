package dev.signdigits.data.fetch;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.io.Downloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the dataset available at the data directory, trying in order: a valid copy already there,
 * the offline mirror (copied), the public archive (downloaded and unpacked). Whatever it builds
 * goes into a temporary sibling first and is renamed into place once it scans as a dataset, so an
 * interrupted fetch never leaves half a dataset behind. Training calls {@link #ensureAvailable}
 * so that a fresh clone works without arguments.
 */
public final class DatasetFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);
    /** Files at the root of a dataset that travel with the photos. */
    private static final List<String> ROOT_FILES = List.of(GroupsFile.FILE_NAME, "LICENSE", "README.md");

    private final Downloader downloader;

    public DatasetFetcher(Downloader downloader) {
        this.downloader = downloader;
    }

    /** Uses {@link FetchOptions#defaults()}. */
    public static FetchResult ensureDefaultAvailable() {
        return new DatasetFetcher(new Downloader()).ensureAvailable(FetchOptions.defaults());
    }

    public FetchResult ensureAvailable(FetchOptions options) {
        Path dataDir = options.dataDir();
        if (Files.exists(dataDir) && !isEmptyDirectory(dataDir)) {
            try {
                return new FetchResult(FetchResult.Source.EXISTING, dataDir.toString(), ImageFolder.scan(dataDir));
            } catch (SignDigitsException e) {
                throw new SignDigitsException("Data directory " + dataDir + " exists but is not a usable dataset ("
                        + e.getMessage().replaceAll("\\.$", "") + "); fix or remove it, or pass another --data-dir.", e);
            }
        }
        String mirrorProblem = mirrorProblem(options.mirrorDir());
        if (mirrorProblem == null) {
            LOG.info("Copying the dataset from the offline mirror {} to {}", options.mirrorDir(), dataDir);
            build(dataDir, tmp -> copyMirror(ImageFolder.scan(options.mirrorDir()), tmp));
            return new FetchResult(FetchResult.Source.MIRROR, options.mirrorDir().toString(), ImageFolder.scan(dataDir));
        }
        LOG.info("No offline mirror ({}); downloading {}", mirrorProblem, options.url());
        try {
            return download(options);
        } catch (Downloader.DownloadException e) {
            throw new SignDigitsException("Could not get the dataset: " + dataDir + " is missing, the offline mirror "
                    + mirrorProblem + ", and downloading " + options.url() + " failed (" + e.problem()
                    + "); connect to the internet or pass --mirror-dir.", SignDigitsException.ENVIRONMENT, e);
        }
    }

    private FetchResult download(FetchOptions options) {
        Path dataDir = options.dataDir();
        Path zip = dataDir.toAbsolutePath().resolveSibling("." + dataDir.getFileName() + ".zip");
        try {
            Downloader.Download download = downloader.download(options.url(), zip, options.sha256());
            LOG.info("Downloaded {} bytes (SHA-256 {}); unpacking", download.bytes(), download.sha256());
            build(dataDir, tmp -> {
                int photos = ArchiveExtractor.extract(zip, tmp);
                LOG.info("Unpacked {} photos", photos);
            });
        } finally {
            AtomicFiles.deleteQuietly(zip);
        }
        return new FetchResult(FetchResult.Source.DOWNLOAD, options.url().toString(), ImageFolder.scan(dataDir));
    }

    /** Null when the mirror is usable, otherwise why not (for the message). */
    private static String mirrorProblem(Path mirror) {
        if (mirror == null) {
            return "is not configured";
        }
        if (!Files.isDirectory(mirror)) {
            return "does not exist at " + mirror;
        }
        try {
            ImageFolder.scan(mirror);
            return null;
        } catch (SignDigitsException e) {
            return "at " + mirror + " is not a dataset (" + e.getMessage().replaceAll("\\.$", "") + ")";
        }
    }

    private static void copyMirror(DatasetIndex mirror, Path tmp) throws IOException {
        for (LabeledFile file : mirror.entries()) {
            Path target = tmp.resolve(file.relativePath());
            Files.createDirectories(target.getParent());
            Files.copy(mirror.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String name : ROOT_FILES) {
            Path source = mirror.root().resolve(name);
            if (Files.isRegularFile(source)) {
                Files.copy(source, tmp.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Fills a temporary sibling of {@code target}, checks that it scans as a dataset, renames it into place. */
    private static void build(Path target, AtomicFiles.DirectoryWriter writer) {
        AtomicFiles.writeDirectory(target, tmp -> {
            writer.write(tmp);
            ImageFolder.scan(tmp);
        });
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
