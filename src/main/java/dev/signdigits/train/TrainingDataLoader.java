package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.DecodeFailure;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.fetch.DatasetFetcher;
import dev.signdigits.data.fetch.FetchOptions;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitFractions;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.data.split.SplitPlan;
import dev.signdigits.data.split.SplitPlanner;
import dev.signdigits.io.Downloader;
import dev.signdigits.image.DecodedImage;
import dev.signdigits.image.ModelInput;
import dev.signdigits.io.Sha256;
import dev.signdigits.progress.ProgressBar;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the split manifest and decodes each split's photos (in parallel, bad files reported and skipped). */
final class TrainingDataLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingDataLoader.class);
    private TrainingDataLoader() {}

    static TrainingData load(TrainingConfig config) {
        DatasetIndex index = new DatasetFetcher(new Downloader())
                .ensureAvailable(FetchOptions.defaults().withDataDir(config.dataDir())).index();
        SplitManifest manifest = manifestFor(index, config);
        Map<String, String> groups = new HashMap<>();
        for (ManifestEntry e : manifest.entries()) {
            groups.put(e.file(), e.group());
        }
        BulkDecoder decoder = new BulkDecoder(new ImageDecoder(), config.decodeThreads());
        int[] unreadable = {0};
        SplitImages train = decode("decode train", config, index, manifest.files(Split.TRAIN), groups, decoder, unreadable);
        SplitImages val = decode("decode val  ", config, index, manifest.files(Split.VAL), groups, decoder, unreadable);
        SplitImages test = decode("decode test ", config, index, manifest.files(Split.TEST), groups, decoder, unreadable);
        if (train.size() == 0 || val.size() == 0 || test.size() == 0) {
            throw new SignDigitsException("The split " + config.manifest() + " leaves a split empty (train " + train.size()
                    + ", val " + val.size() + ", test " + test.size() + "); write it again with 'signdigits data split'.");
        }
        return new TrainingData(index.labels(), train, val, test, index.contentHash(), Sha256.of(config.manifest()),
                config.dataDir(), unreadable[0]);
    }

    /**
     * The manifest on disk if it describes this dataset; otherwise a new grouped (when groups.csv is
     * present), stratified split with the default fractions, written for later runs. The split seed
     * is the one the manifest was made with: several training seeds share one test set.
     */
    private static SplitManifest manifestFor(DatasetIndex index, TrainingConfig config) {
        Path path = config.manifest();
        if (Files.isRegularFile(path)) {
            SplitManifest existing = SplitManifest.read(path);
            if (existing.matches(index)) {
                return existing;
            }
            LOG.warn("{} was made for other data (dataset hash differs); writing a new split", path);
        }
        SplitPlan plan = SplitPlanner.plan(index, GroupsFile.readIfPresent(index.root()), SplitFractions.DEFAULT, config.seed());
        plan.manifest().write(path);
        LOG.info("Wrote {} split {} ({}) with seed {}", plan.summary().grouped() ? "grouped" : "stratified", path,
                plan.manifest().counts(), config.seed());
        return plan.manifest();
    }

    /** What training keeps of a decoded photo: framed for the input edge (see {@link ModelInput#frame}). */
    static BufferedImage kept(DecodedImage image, int inputSize) {
        return ModelInput.frame(image.rgb(), inputSize);
    }

    private static SplitImages decode(String task, TrainingConfig config, DatasetIndex index, List<LabeledFile> files, Map<String, String> groups,
                                      BulkDecoder decoder, int[] unreadable) {
        BulkDecoder.BulkResult<BufferedImage> result;
        try (ProgressBar bar = new ProgressBar(task, files.size(), "img")) {
            result = decoder.decodeAll(index, files, (file, image) -> kept(image, config.inputSize()), bar::step);
        }
        for (DecodeFailure failure : result.report().failures()) {
            LOG.warn("Skipping {}: {}", failure.file(), failure.message());
        }
        unreadable[0] += result.report().failures().size();
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        List<String> groupList = new ArrayList<>();
        int[] labels = new int[result.items().size()];
        int i = 0;
        for (BulkDecoder.Loaded<BufferedImage> item : result.items()) {
            names.add(item.file().relativePath());
            images.add(item.value());
            groupList.add(groups.get(item.file().relativePath()));
            labels[i++] = item.file().label();
        }
        return new SplitImages(names, images, labels, groupList);
    }

}
