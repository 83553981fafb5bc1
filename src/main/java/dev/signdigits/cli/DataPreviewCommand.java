package dev.signdigits.cli;

import dev.signdigits.data.DatasetIndex;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.report.PreviewGrid;
import dev.signdigits.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits data preview}: a labelled grid with one photo per digit. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Write a PNG grid with one labelled example photo per digit.")
final class DataPreviewCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits", paramLabel = "DIR",
            description = "Dataset folder (one sub-folder per digit 0-9). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--preview-out", defaultValue = "docs/image.png", paramLabel = "FILE",
            description = "PNG file to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--tile-size", defaultValue = "160", paramLabel = "PIXELS",
            description = "Edge of each photo tile in pixels. Default: ${DEFAULT-VALUE}.")
    int tileSize;

    @Override
    public Integer call() {
        if (tileSize < 16 || tileSize > 1024) {
            throw new dev.signdigits.SignDigitsException("--tile-size " + tileSize + " is out of range: use 16 to 1024 pixels.");
        }
        DatasetIndex index = ImageFolder.scan(dataDir);
        BufferedImage grid = PreviewGrid.render(PreviewGrid.pickExamples(index, new ImageDecoder()), tileSize,
                "Sign Language Digits: one example per digit");
        AtomicFiles.write(out, stream -> ImageIO.write(grid, "png", stream));
        var printer = spec.commandLine().getOut();
        printer.printf("Wrote %s (%dx%d, %d classes from %s).%n", out, grid.getWidth(), grid.getHeight(), index.labels().size(), dataDir);
        printer.flush();
        return 0;
    }
}
