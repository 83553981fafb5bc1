package dev.signdigits.data.split;

import java.util.List;

/**
 * How a manifest was made: enough to make it again, and to notice it no longer fits the data.
 *
 * @param seed          random seed of the split
 * @param fractions     requested shares
 * @param datasetSha256 {@link dev.signdigits.data.DatasetIndex#contentHash()} of the data it was made from
 * @param grouped       whether photos were kept together by group (no group in two splits)
 * @param labels        class names in label order
 */
public record SplitMetadata(long seed, SplitFractions fractions, String datasetSha256, boolean grouped, List<String> labels) {
    public SplitMetadata {
        labels = List.copyOf(labels);
    }
}
