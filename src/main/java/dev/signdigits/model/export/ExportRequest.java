package dev.signdigits.model.export;

import java.nio.file.Path;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.Quantize;

/**
 * What to export and where.
 *
 * @param modelDir          a fine-tuned model directory
 * @param output            the file to write; null for {@link ExportFiles#defaultFile}
 * @param dataDir           the dataset the model was trained on (int8 calibration reads its training photos)
 * @param calibrationImages how many training photos int8 calibration uses at most
 */
public record ExportRequest(Path modelDir, ExportFormat format, Quantize quantize, Path output, Path dataDir,
                            int calibrationImages) {
    public static final int DEFAULT_CALIBRATION_IMAGES = 200;

    public Path outputFile() {
        return output != null ? output : ExportFiles.defaultFile(modelDir, format, quantize);
    }
}
