package dev.signdigits.model;

import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches a weights file. Implementations write {@code target} atomically and only when its
 * SHA-256 equals {@code sha256}, and fail with a SignDigitsException naming the URL. The default
 * is {@link HttpWeightsDownloader}; the project's generic downloader can be plugged in here.
 */
@FunctionalInterface
public interface WeightsDownloader {
    void download(URI url, Path target, String sha256);

    static WeightsDownloader http() {
        return new HttpWeightsDownloader();
    }
}
