package dev.signdigits.web;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Decodes uploads with a bounded number running at once: a decoded photo can take hundreds of
 * megabytes (the pixel cap allows 50 MP), and the HTTP server has far more threads than cores.
 */
public final class ImageIntake {
    private final ImageBytesDecoder decoder;
    private final Semaphore slots;

    public ImageIntake(ImageBytesDecoder decoder, int maxConcurrentDecodes) {
        this.decoder = decoder;
        this.slots = new Semaphore(maxConcurrentDecodes, true);
    }

    /** Decodes, waiting at most {@code budget} for a free slot (503 when none frees up in time). */
    public BufferedImage decode(byte[] bytes, String name, Duration budget) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(Math.max(0, budget.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiException.unavailable("The server is busy decoding other images: retry shortly.", Duration.ofSeconds(1));
        }
        try {
            return decoder.decode(bytes, name);
        } finally {
            slots.release();
        }
    }
}
