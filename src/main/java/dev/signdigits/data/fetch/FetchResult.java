package dev.signdigits.data.fetch;

import dev.signdigits.data.DatasetIndex;

/**
 * The dataset is at {@code index.root()}.
 *
 * @param source where it came from this time
 * @param from   the mirror directory or URL it came from (the data dir itself for EXISTING)
 * @param index  the scanned dataset
 */
public record FetchResult(Source source, String from, DatasetIndex index) {

    /** Where the dataset came from. */
    public enum Source {
        /** It was already there. */
        EXISTING,
        /** Copied from the offline mirror. */
        MIRROR,
        /** Downloaded and unpacked. */
        DOWNLOAD
    }
}
