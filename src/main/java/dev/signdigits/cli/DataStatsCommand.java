package dev.signdigits.cli;

import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.hands.DatasetHands;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
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

/** {@code signdigits data stats}: counts, sizes, formats, unreadable photos and photos without a hand. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Decode every photo and report counts per class and per split, image sizes, formats and unreadable"
                + " files; with --hand-locator, also the photos in which no hand is found (train leaves those out).")
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

    @Option(names = "--hand-locator", defaultValue = TrainOptions.DEFAULT_HAND_LOCATOR,
            description = "auto, fast, full or lite: locate the hand in every photo as train does with the same option, and"
                    + " list the photos without one (answers are cached under the manifest's folder, in "
                    + DatasetHands.DIRECTORY + "/, so only new or changed photos are located again); off: decode only."
                    + " Default: train's, ${DEFAULT-VALUE}.")
    String handLocator;

    @Option(names = "--models-dir", defaultValue = "models", paramLabel = "DIR",
            description = "Models root, as for train: the hand model files are looked for in <DIR>/raw/mediapipe-hands,"
                    + " then the offline mirror, then downloaded. Default: ${DEFAULT-VALUE}.")
    Path modelsDir;

    /** The crop edge the framing is opened with; stats only locates, so it does not change anything. */
    private static final int CROP_EDGE = 224;

    @Override
    public Integer call() {
        HandFramingSpec handSpec = HandFramingSpec.parse(handLocator);
        DatasetIndex index = ImageFolder.scan(dataDir);
        SplitManifest split = Files.isRegularFile(manifest) ? SplitManifest.read(manifest) : null;
        DatasetStats stats;
        try (HandFraming framing = HandFraming.open(handSpec, CROP_EDGE, modelsDir);
             ProgressBar bar = new ProgressBar(framing.locates() ? "Locating hands" : "Decoding", index.size(), "photos")) {
            DatasetHands hands = framing.locates()
                    ? DatasetHands.open(framing, index, manifest.toAbsolutePath().getParent()) : null;
            stats = StatsCollector.collect(index, split, split == null ? null : manifest,
                    new BulkDecoder(new ImageDecoder(), threads), hands, bar::step);
            if (hands != null) {
                hands.save();
            }
        }
        var out = spec.commandLine().getOut();
        out.print(json ? StatsRenderer.json(stats) + System.lineSeparator() : StatsRenderer.text(stats));
        out.flush();
        return 0;
    }
}
