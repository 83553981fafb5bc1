package dev.signdigits.model.export;

import java.nio.file.Path;
import java.time.Duration;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.ExportMetadata;
import dev.signdigits.model.store.Quantize;

/**
 * A finished export.
 *
 * @param bytes             size of the written file
 * @param float32Bytes      size of the same model as float32 in this format (equal to bytes for float32)
 * @param calibrationImages photos int8 calibration ran on (0 for float exports)
 * @param handShapeFile     the hand-shape network written beside it (same format, float32), or null when the model has none
 */
public record ExportResult(Path file, ExportFormat format, Quantize quantize, long bytes, long float32Bytes,
                           int calibrationImages, ExportMetadata metadata, Duration took, Path handShapeFile) {

    /** An export without the hand-shape network's file. */
    public ExportResult(Path file, ExportFormat format, Quantize quantize, long bytes, long float32Bytes,
                        int calibrationImages, ExportMetadata metadata, Duration took) {
        this(file, format, quantize, bytes, float32Bytes, calibrationImages, metadata, took, null);
    }

    /** This file's size as a share of the float32 file's. */
    public double sizeRatio() {
        return (double) bytes / float32Bytes;
    }
}
