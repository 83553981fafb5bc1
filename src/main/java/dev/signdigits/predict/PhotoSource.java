package dev.signdigits.predict;

import dev.signdigits.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import dev.signdigits.image.ImageDecodeException;

/**
 * One photo to predict: the name its result carries, and how to decode it. A local file is one
 * source; a file on a distributed file system (read by the Spark batch job) is another.
 */
public interface PhotoSource {

    /** The name results and error messages use, e.g. the path as the user gave it. */
    String name();

    /**
     * The upright RGB image.
     *
     * @throws dev.signdigits.SignDigitsException (usually {@link dev.signdigits.image.ImageDecodeException})
     *         when the photo cannot be read or decoded; its message is the one-sentence reason
     */
    BufferedImage decode(ImageDecoder decoder);

    /** A file on the local file system, named as given. */
    static PhotoSource of(Path file) {
        return new PhotoSource() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public BufferedImage decode(ImageDecoder decoder) {
                return decoder.decode(file).rgb();
            }
        };
    }
}
