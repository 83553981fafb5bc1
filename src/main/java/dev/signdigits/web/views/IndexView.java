package dev.signdigits.web.views;

import java.util.List;

/**
 * The upload-and-webcam page.
 *
 * @param modelId         the served model's id, or empty when none is loaded
 * @param labels          the digits the model knows, in output order
 * @param apiKeyRequired  whether the page must ask for an API key to call the API
 * @param maxUploadBytes  the server's request size limit, checked in the browser before uploading
 * @param locatesHand     whether the served model finds the hand first (trained with the hand locator)
 */
public record IndexView(String modelId, List<String> labels, boolean apiKeyRequired, long maxUploadBytes,
                        boolean locatesHand) {
    public IndexView {
        labels = List.copyOf(labels);
    }

    /** The limit in whole megabytes, for the label next to the file input. */
    public long maxUploadMegabytes() {
        return Math.max(1, maxUploadBytes / (1024 * 1024));
    }

    public boolean modelLoaded() {
        return !modelId.isEmpty();
    }
}
