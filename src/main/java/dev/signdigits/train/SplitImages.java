package dev.signdigits.train;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The decoded photos of one split, in manifest order.
 *
 * @param files  paths relative to the data dir, as in the manifest
 * @param groups the person/session group of each photo (null where unknown)
 */
public record SplitImages(List<String> files, List<BufferedImage> images, int[] labels, List<String> groups) {
    public int size() {
        return images.size();
    }
}
