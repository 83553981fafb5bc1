package dev.signdigits.web;

import java.awt.image.BufferedImage;

/**
 * The seam between the service and image decoding: encoded bytes in, an upright RGB image out.
 * Implementations check the declared size against the pixel cap before decoding, and never use
 * {@code name} as a path (it is the client's file name, for messages only).
 */
@FunctionalInterface
public interface ImageBytesDecoder {

    /**
     * @param bytes the encoded image, as uploaded
     * @param name  the client's file name or a label such as "body", for messages only
     * @throws BadImageException with status 400, 413 or 415 when the bytes are not a usable image
     */
    BufferedImage decode(byte[] bytes, String name);
}
