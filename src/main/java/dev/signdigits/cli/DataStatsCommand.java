package dev.signdigits.cli;

import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.report.DatasetStats;
import dev.signdigits.data.report.StatsCollector;
import dev.signdigits.data.report.StatsRenderer;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.progress.ProgressBar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits data stats}: counts, sizes, formats and unreadable photos. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Decode every photo and report counts per class and per split, image sizes, formats and unreadable files.")
final class DataStatsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits", paramLabel = "DIR",
            description = "Dataset folder (one sub-folder per digit 0-9). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--manifest", defaultValue = "data/processed/split.csv", paramLabel = "FILE",
            description = "Split manifest to count per split, if it exists. Default: ${DEFAULT-VALUE}.")
    Path manifest;

    @Option(names = "--json", defaultValue = "false", description = "Print machine-readable JSON instead of a table.")
    boolean json;

    @Option(names = "--decode-threads", defaultValue = "0",
            description = "Decoding threads; 0 means one per CPU core. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() {
        DatasetIndex index = ImageFolder.scan(dataDir);
        SplitManifest split = Files.isRegularFile(manifest) ? SplitManifest.read(manifest) : null;
        DatasetStats stats;
        try (ProgressBar bar = new ProgressBar("Decoding", index.size(), "photos")) {
            stats = StatsCollector.collect(index, split, split == null ? null : manifest,
                    new BulkDecoder(new ImageDecoder(), threads), bar::step);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? StatsRenderer.json(stats) + System.lineSeparator() : StatsRenderer.text(stats));
        out.flush();
        return 0;
    }
}
