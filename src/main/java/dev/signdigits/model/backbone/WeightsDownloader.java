package dev.signdigits.model.backbone;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Downloader;
import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches a weights file. Implementations write {@code target} atomically and only when its
 * SHA-256 equals {@code sha256}, and fail with a SignDigitsException naming the URL. The default,
 * {@link #http()}, is the project's {@link Downloader}; tests plug in copies from the mirror.
 */
@FunctionalInterface
public interface WeightsDownloader {
    void download(URI url, Path target, String sha256);

    /** The project's downloader (progress on stderr), its failures ending with the manual way out. */
    static WeightsDownloader http() {
        return (url, target, sha256) -> {
            try {
                new Downloader().download(url, target, sha256);
            } catch (Downloader.DownloadException e) {
                String sentence = e.getMessage().substring(0, e.getMessage().length() - 1);
                throw new SignDigitsException(sentence + ", or copy the file to " + target + " by hand.",
                        SignDigitsException.ENVIRONMENT, e);
            }
        };
    }
}
