package dev.signdigits.data.report;

import dev.signdigits.data.DecodeFailure;
import java.util.List;
import java.util.Map;

/**
 * Facts about a dataset, for {@code data stats} and notebooks (serialized as JSON as is).
 *
 * @param dataDir                the dataset folder
 * @param datasetSha256          its content hash
 * @param images                 number of photos
 * @param labels                 class names
 * @param perClass               photos per class
 * @param manifest               the split manifest read, or null when there is none
 * @param manifestMatchesDataset whether the manifest was made from exactly this data (null without manifest)
 * @param perSplit               split -> class -> photos, from the manifest (empty without one)
 * @param sizes                  "WxH" (upright, full resolution) -> photos, most common first
 * @param formats                format -> photos
 * @param unreadable             photos that failed to decode, with the reason
 * @param ignoredFiles           non-image files inside class folders
 * @param decodeSeconds          time to decode everything
 * @param decodeThreads          threads used
 * @param hands                  what the hand locator found, or null when it was not run
 */
public record DatasetStats(String dataDir, String datasetSha256, int images, List<String> labels,
                           Map<String, Integer> perClass, String manifest, Boolean manifestMatchesDataset,
                           Map<String, Map<String, Integer>> perSplit, Map<String, Integer> sizes,
                           Map<String, Integer> formats, List<DecodeFailure> unreadable, List<String> ignoredFiles,
                           double decodeSeconds, int decodeThreads, HandStats hands) {}
