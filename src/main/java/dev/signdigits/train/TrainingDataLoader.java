package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.DecodeFailure;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.hands.DatasetHands;
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
import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
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
        List<HandLocations.Row> hands = new ArrayList<>();
        SplitImages train;
        SplitImages val;
        SplitImages test;
        int fromCache = 0;
        try (HandFraming framing = HandFraming.open(config.handFraming(), config.inputSize(), config.modelsDir())) {
            // the answers data stats (or an earlier run) cached for unchanged photos: located once, whichever ran first
            DatasetHands cache = framing.locates()
                    ? DatasetHands.open(framing, index, config.manifest().toAbsolutePath().getParent()) : null;
            train = decode("train", index, manifest.files(Split.TRAIN), groups, decoder, unreadable, framing, cache, hands);
            val = decode("val", index, manifest.files(Split.VAL), groups, decoder, unreadable, framing, cache, hands);
            test = decode("test", index, manifest.files(Split.TEST), groups, decoder, unreadable, framing, cache, hands);
            if (cache != null) {
                cache.save();
                fromCache = cache.fromCache();
                LOG.info("Hand locations: {} located, {} from the cache {}", cache.located(), cache.fromCache(),
                        cache.cacheFile());
            }
        }
        HandLocations located = new HandLocations(hands, fromCache);
        if (framing(config)) {
            List<HandLocations.Row> missing = located.missing(null);
            LOG.info("Hand locator ({}): a hand in {} of {} photos; {} without a hand are left out (train {}, val {},"
                            + " test {}), listed in {}", config.handFraming(), hands.size() - missing.size(), hands.size(),
                    missing.size(), located.missing("train").size(), located.missing("val").size(),
                    located.missing("test").size(), HandLocations.FILE);
            for (HandLocations.Row row : missing) {
                LOG.info("No hand in {} photo {}", row.split(), row.file());
            }
        }
        if (train.size() == 0 || val.size() == 0 || test.size() == 0) {
            throw new SignDigitsException("The split " + config.manifest() + " leaves a split empty (train " + train.size()
                    + ", val " + val.size() + ", test " + test.size() + "); write it again with 'signdigits data split'.");
        }
        return new TrainingData(index.labels(), train, val, test, index.contentHash(), Sha256.of(config.manifest()),
                config.dataDir(), unreadable[0], located);
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

    private static boolean framing(TrainingConfig config) {
        return config.handFraming().on();
    }

    /**
     * What training keeps of a decoded photo: what {@link HandFraming} makes of it, the same step
     * that prepares photos at serving time (framed for the input edge, see {@link ModelInput#frame},
     * or the hand crop at the input edge); no image when the locator found no hand.
     */
    static FramedPhoto kept(DecodedImage image, HandFraming framing) {
        return framing.frame(image.rgb());
    }

    /** @param cache the hand locations cached so far, or null (locator off) */
    private static SplitImages decode(String split, DatasetIndex index, List<LabeledFile> files,
                                      Map<String, String> groups, BulkDecoder decoder, int[] unreadable,
                                      HandFraming framing, DatasetHands cache, List<HandLocations.Row> hands) {
        BulkDecoder.BulkResult<FramedPhoto> result;
        String task = String.format(java.util.Locale.ROOT, framing.locates() ? "hands %-5s" : "decode %-5s", split);
        try (ProgressBar bar = new ProgressBar(task, files.size(), "img")) {
            result = decoder.decodeAll(index, files,
                    (file, image) -> cache == null ? kept(image, framing) : cache.frame(file, image.rgb()), bar::step);
        }
        for (DecodeFailure failure : result.report().failures()) {
            LOG.warn("Skipping {}: {}", failure.file(), failure.message());
        }
        unreadable[0] += result.report().failures().size();
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        List<String> groupList = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (BulkDecoder.Loaded<FramedPhoto> item : result.items()) {
            FramedPhoto framed = item.value();
            framed.handResult().ifPresent(h -> hands.add(new HandLocations.Row(split, item.file().relativePath(), h)));
            if (!framed.readable()) {
                continue;
            }
            names.add(item.file().relativePath());
            images.add(framed.image());
            groupList.add(groups.get(item.file().relativePath()));
            labelList.add(item.file().label());
        }
        return new SplitImages(names, images, labelList.stream().mapToInt(Integer::intValue).toArray(), groupList);
    }

}
