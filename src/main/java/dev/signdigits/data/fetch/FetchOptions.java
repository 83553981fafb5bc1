package dev.signdigits.data.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the dataset should be and where it may come from.
 *
 * @param dataDir   where the dataset is wanted (an image folder: 0/ .. 9/)
 * @param mirrorDir an offline copy to use when dataDir is missing; may be absent on disk
 * @param url       the zip archive to download when neither exists
 * @param sha256    expected SHA-256 of the archive; blank skips the check
 */
public record FetchOptions(Path dataDir, Path mirrorDir, URI url, String sha256) {

    /** The defaults: {@code data/raw/sign-language-digits}, the shared mirror, the GitHub archive. */
    public static FetchOptions defaults() {
        return defaults(System.getenv());
    }

    public static FetchOptions defaults(Map<String, String> environment) {
        return new FetchOptions(DatasetLocator.DEFAULT_DATA_DIR, DatasetLocator.defaultMirrorDir(environment),
                DatasetLocator.DEFAULT_URL, "");
    }

    public FetchOptions withDataDir(Path dir) {
        return new FetchOptions(dir, mirrorDir, url, sha256);
    }
}
