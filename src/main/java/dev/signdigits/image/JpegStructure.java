package dev.signdigits.image;

import dev.signdigits.image.ImageDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The marker segments of a JPEG up to its first scan: frame size, precision, coding process,
 * EXIF orientation and where any ICC profile sits. Parsed by hand because it is small and lets us
 * refuse huge or exotic files before a decoder allocates anything.
 *
 * @param width      frame width
 * @param height     frame height
 * @param components 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK/YCCK)
 * @param precision  bits per sample (8 for ordinary JPEGs)
 * @param sofMarker  the start-of-frame marker (0xC0 baseline, 0xC2 progressive, ...)
 * @param orientation EXIF orientation, 1 when absent
 * @param iccSegments byte ranges {start, end} of APP2 ICC_PROFILE segments
 */
record JpegStructure(int width, int height, int components, int precision, int sofMarker,
                     int orientation, List<int[]> iccSegments) {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;

    static JpegStructure parse(byte[] b, String name) {
        int orientation = 0;
        int[] frame = null;
        int sof = 0;
        List<int[]> icc = new ArrayList<>();
        int i = 2;
        while (true) {
            while (i < b.length && (b[i] & 0xFF) != 0xFF) {
                i++; // libjpeg skips stray bytes between segments too
            }
            while (i < b.length && (b[i] & 0xFF) == 0xFF) {
                i++; // fill bytes
            }
            if (i >= b.length) {
                throw truncated(name);
            }
            int marker = b[i] & 0xFF;
            int start = i - 1;
            i++;
            if (marker == SOI || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                continue; // markers without a length
            }
            if (marker == EOI) {
                throw new ImageDecodeException(Reason.CORRUPT, name, name + " is a JPEG that ends before any image data: it is damaged, export it again.");
            }
            if (i + 1 >= b.length) {
                throw truncated(name);
            }
            int length = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
            int payload = i + 2;
            int end = i + length;
            if (length < 2) {
                throw corrupt(name);
            }
            if (end > b.length) {
                throw truncated(name);
            }
            if (marker == SOS) {
                break;
            }
            if (isStartOfFrame(marker) && frame == null) {
                if (length < 8) {
                    throw corrupt(name);
                }
                sof = marker;
                frame = new int[] {
                    b[payload] & 0xFF,
                    (b[payload + 1] & 0xFF) << 8 | (b[payload + 2] & 0xFF),
                    (b[payload + 3] & 0xFF) << 8 | (b[payload + 4] & 0xFF),
                    b[payload + 5] & 0xFF
                };
            } else if (marker == APP1 && orientation == 0 && startsWith(b, payload, "Exif\0")) {
                orientation = Orientation.fromExif(b, payload, length - 2);
            } else if (marker == APP2 && startsWith(b, payload, "ICC_PROFILE\0")) {
                icc.add(new int[] {start, end});
            }
            i = end;
        }
        if (frame == null) {
            throw new ImageDecodeException(Reason.CORRUPT, name, name + " is a JPEG without a frame header: it is damaged, export it again.");
        }
        return new JpegStructure(frame[2], frame[1], frame[3], frame[0], sof, Math.max(orientation, 1), List.copyOf(icc));
    }

    ImageHeader header() {
        return new ImageHeader(ImageFormat.JPEG, width, height, orientation);
    }

    /** Baseline, extended sequential and progressive Huffman JPEGs; not lossless, arithmetic or hierarchical. */
    boolean isCommonProcess() {
        return sofMarker == 0xC0 || sofMarker == 0xC1 || sofMarker == 0xC2;
    }

    /**
     * The same JPEG without its ICC profile. Converting from a camera's profile (Display P3 on
     * iPhones) costs ~5 ms per 100x100 photo in Java's colour engine, 20x the decode itself, and
     * PIL/torchvision pipelines ignore profiles too; RGB values are used as they are stored, in
     * training and in serving alike. CMYK files keep theirs: they need it to become RGB at all.
     */
    byte[] withoutIccProfile(byte[] b) {
        if (iccSegments.isEmpty() || components == 4) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int from = 0;
        for (int[] segment : iccSegments) {
            out.write(b, from, segment[0] - from);
            from = segment[1];
        }
        out.write(b, from, b.length - from);
        return out.toByteArray();
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] b, int at, String text) {
        if (at + text.length() > b.length) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (b[at + k] != (byte) text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static ImageDecodeException truncated(String name) {
        return new ImageDecodeException(Reason.TRUNCATED, name, name + " is a truncated JPEG (the file ends inside its header): copy or download it again.");
    }

    private static ImageDecodeException corrupt(String name) {
        return new ImageDecodeException(Reason.CORRUPT, name, name + " is a damaged JPEG (invalid marker segment): export it again.");
    }
}
