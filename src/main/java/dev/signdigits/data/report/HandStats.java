package dev.signdigits.data.report;

import java.util.List;
import java.util.Map;

/**
 * What the hand locator found in a dataset's photos, as {@code train} with the same locator will
 * see it (photos without a hand are left out of training and testing).
 *
 * @param locator        the locator and crop, as train records them (e.g. "full (margin 0.1, upright)")
 * @param photos         photos located (those that decoded)
 * @param withHand       photos with a hand found
 * @param noHandPerClass class -> photos without a hand, every class listed
 * @param noHand         the photos without a hand, in dataset order
 * @param fromCache      answers taken from the cache (unchanged photos located before)
 * @param located        photos located this time
 * @param cacheFile      the cache file, or null when nothing is cached
 */
public record HandStats(String locator, int photos, int withHand, Map<String, Integer> noHandPerClass,
                        List<NoHandPhoto> noHand, int fromCache, int located, String cacheFile) {

    /**
     * One photo without a hand.
     *
     * @param file   its path relative to the dataset folder
     * @param label  its class
     * @param reason the locator's one sentence
     */
    public record NoHandPhoto(String file, String label, String reason) {}
}
