package dev.signdigits.image;

/**
 * How large an image may be and how far big ones are shrunk while decoding.
 *
 * @param maxPixels stored width x height above which an image is refused before decoding
 * @param maxEdge   images whose longer edge exceeds this are subsampled while decoding, towards it...
 * @param minEdge   ...but never so far that the shorter edge drops below this (e.g. 2x model input)
 */
public record DecodeLimits(long maxPixels, int maxEdge, int minEdge) {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_EDGE = 1024;
    public static final int DEFAULT_MIN_EDGE = 448;

    public DecodeLimits {
        if (maxPixels < 1 || maxEdge < 1 || minEdge < 1 || minEdge > maxEdge) {
            throw new IllegalArgumentException("need 1 <= minEdge <= maxEdge and maxPixels >= 1, got "
                    + maxPixels + ", " + maxEdge + ", " + minEdge);
        }
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_EDGE, DEFAULT_MIN_EDGE);
    }

    public DecodeLimits withMaxPixels(long pixels) {
        return new DecodeLimits(pixels, maxEdge, minEdge);
    }

    public DecodeLimits withEdges(int min, int max) {
        return new DecodeLimits(maxPixels, max, min);
    }

    /**
     * The subsampling step for a stored image of this size: as large as needed to bring the longer
     * edge to {@link #maxEdge()}, capped so the shorter edge stays at least {@link #minEdge()}.
     */
    int subsampling(int width, int height) {
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        if (longer <= maxEdge) {
            return 1;
        }
        int toMaxEdge = (longer + maxEdge - 1) / maxEdge;
        int keepMinEdge = Math.max(1, shorter / minEdge);
        return Math.max(1, Math.min(toMaxEdge, keepMinEdge));
    }
}
