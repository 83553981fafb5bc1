package dev.signdigits.image;

import dev.signdigits.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes photos for training, prediction and the web server: sniffs the format from magic bytes,
 * checks the header against a pixel cap before decoding, subsamples big images while decoding,
 * applies EXIF orientation and returns 8-bit RGB. Refusals are {@link ImageDecodeException}s
 * with a {@link Reason}. Immutable and thread-safe: every call uses its own ImageIO reader.
 */
public final class ImageDecoder {
    static {
        // Decoding works on byte arrays already in memory: no temp-file cache per image.
        ImageIO.setUseCache(false);
    }

    /** Even an uncompressed 50-megapixel BMP is smaller; bigger files are refused unread. */
    public static final int MAX_FILE_BYTES = 256 << 20;

    private static final byte GIF_TRAILER = 0x3B;

    private final DecodeLimits limits;

    public ImageDecoder() {
        this(DecodeLimits.defaults());
    }

    public ImageDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    public DecodeLimits limits() {
        return limits;
    }

    /** Decodes a file; the message of any refusal names {@code file}. */
    public DecodedImage decode(Path file) {
        String name = file.toString();
        return decode(readAll(file, name), name);
    }

    /** Decodes an uploaded or in-memory image; {@code displayName} is used in messages only. */
    public DecodedImage decode(byte[] bytes, String displayName) {
        ImageFormat format = sniff(bytes, displayName);
        JpegStructure jpeg = format == ImageFormat.JPEG ? JpegStructure.parse(bytes, displayName) : null;
        ImageHeader header = jpeg != null ? jpeg.header() : ImageHeaders.read(format, bytes, displayName);
        if (jpeg != null) {
            requireDecodableJpeg(jpeg, displayName);
        }
        if (header.pixels() > limits.maxPixels()) {
            throw new ImageDecodeException(Reason.TOO_MANY_PIXELS, displayName, String.format(Locale.ROOT,
                    "%s is %dx%d pixels (%.0f megapixels), more than the %.0f-megapixel limit: downscale it first.",
                    displayName, header.width(), header.height(), header.pixels() / 1e6, limits.maxPixels() / 1e6));
        }
        byte[] data = jpeg != null ? jpeg.withoutIccProfile(bytes) : bytes;
        BufferedImage stored = read(data, header, displayName);
        if (format == ImageFormat.PNG && !PngChunks.endsWithIend(bytes)) {
            throw ImageHeaders.truncated(displayName, "PNG");
        }
        BufferedImage upright = Orientation.apply(RgbConverter.toIntRgb(stored), header.orientation());
        return new DecodedImage(upright, header.uprightWidth(), header.uprightHeight(), format);
    }

    /**
     * An image already in memory brought to the layout {@link #decode} returns (8-bit RGB,
     * transparency flattened on white), so it is prepared exactly as a decoded file would be; it is
     * taken as upright.
     */
    public static BufferedImage toRgb(BufferedImage image) {
        return RgbConverter.toIntRgb(image);
    }

    /** Format, stored size and orientation from the header alone (no pixel is decoded). */
    public ImageHeader probe(byte[] bytes, String displayName) {
        return ImageHeaders.read(sniff(bytes, displayName), bytes, displayName);
    }

    public ImageHeader probe(Path file) {
        String name = file.toString();
        return probe(readAll(file, name), name);
    }

    private static ImageFormat sniff(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new ImageDecodeException(Reason.EMPTY, name, name + " is empty (0 bytes): copy or export the image again.");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new ImageDecodeException(Reason.CORRUPT, name,
                name + " is not an image this tool can read (its content matches none of "
                        + ImageFormat.supportedList() + "): check the file."));
        if (!format.isSupported()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, name, name + " is " + article(format.displayName()) + " " + format.displayName()
                    + " image, which is not supported: convert it to " + ImageFormat.supportedList() + ".");
        }
        return format;
    }

    /** "an" before a vowel sound as read aloud (AVIF, 8-bit, 11-bit), else "a" (HEIC, WebP, 12-bit). */
    static String article(String word) {
        boolean vowel = word.matches("(?i)[aeio].*|8.*|11|11-.*|18|18-.*");
        return vowel ? "an" : "a";
    }

    private static void requireDecodableJpeg(JpegStructure jpeg, String name) {
        if (jpeg.precision() != 8) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, name, name + " is " + article(Integer.toString(jpeg.precision())) + " "
                    + jpeg.precision() + "-bit JPEG, which is not supported: convert it to an 8-bit JPEG or PNG.");
        }
        if (!jpeg.isCommonProcess()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, name, name + " uses a rare JPEG coding process "
                    + String.format(Locale.ROOT, "(marker 0x%X, lossless, arithmetic or hierarchical)", jpeg.sofMarker())
                    + " that is not supported: convert it to a baseline JPEG or PNG.");
        }
        if (jpeg.components() != 1 && jpeg.components() != 3 && jpeg.components() != 4) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, name, name + " is a JPEG with " + jpeg.components()
                    + " colour components, which is not supported: convert it to an RGB JPEG or PNG.");
        }
    }

    private BufferedImage read(byte[] data, ImageHeader header, String name) {
        ImageReader reader = readerFor(header.format());
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = limits.subsampling(header.width(), header.height());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw ImageHeaders.corrupt(name, header.format().displayName(), "the decoder returned no image");
            }
            for (String warning : warnings) {
                if (isTruncationWarning(warning)) {
                    throw ImageHeaders.truncated(name, header.format().displayName());
                }
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageDecodeException known) {
                throw known;
            }
            if (isTruncation(e) || header.format() == ImageFormat.GIF && data[data.length - 1] != GIF_TRAILER) {
                throw new ImageDecodeException(Reason.TRUNCATED, name, ImageHeaders.truncated(name,
                        header.format().displayName()).getMessage(), e);
            }
            throw new ImageDecodeException(Reason.CORRUPT, name, ImageHeaders.corrupt(name, header.format().displayName(),
                    describe(e)).getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format + " on the classpath");
        }
        return readers.next(); // TwelveMonkeys registers its JPEG reader ahead of the JDK's (CMYK/YCCK support)
    }

    // libjpeg: "Premature end of JPEG file"; the JDK: "Truncated File - Missing EOI marker".
    private static boolean isTruncationWarning(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("missing eoi") || w.contains("truncated");
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || message.contains("premature end") || message.contains("unexpected end")
                    || message.contains("end of file") || message.contains("truncated")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("[.\\s]+$", "");
    }

    /**
     * Refuses, before reading it, a file larger than any image within the pixel limit; for callers
     * that read bytes themselves (the Spark job reads from distributed file systems).
     */
    public static void requireReadableSize(long size, String name) {
        if (size > MAX_FILE_BYTES) {
            throw new ImageDecodeException(Reason.TOO_MANY_PIXELS, name, String.format(Locale.ROOT,
                    "%s is %.0f MB, larger than any image within the pixel limit: downscale it first.", name, size / 1e6));
        }
    }

    private static byte[] readAll(Path file, String name) {
        try {
            requireReadableSize(Files.size(file), name);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, name + " does not exist: check the path.", e);
        } catch (AccessDeniedException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, name + " cannot be read (permission denied): fix its permissions.", e);
        } catch (IOException e) {
            throw new ImageDecodeException(Reason.UNREADABLE, name, name + " cannot be read (" + describe(e) + "): check the file and the disk.", e);
        }
    }
}
