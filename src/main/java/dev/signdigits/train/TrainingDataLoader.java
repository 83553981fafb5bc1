package dev.signdigits.train;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.DecodeFailure;
import dev.signdigits.data.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.io.Sha256;
import dev.signdigits.progress.ProgressBar;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Photos are kept at most this large in memory: enough for crops at any input size we train at. */
    private static final int KEEP_EDGE = 256;

    private TrainingDataLoader() {}

    static TrainingData load(TrainingConfig config) {
        DatasetIndex index = ImageFolder.scan(config.dataDir());
        Map<String, String[]> manifest = readManifest(config.manifest());
        Map<String, List<LabeledFile>> bySplit = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        for (LabeledFile f : index.entries()) {
            String[] row = manifest.get(f.relativePath());
            if (row == null) {
                continue;
            }
            bySplit.computeIfAbsent(row[3], k -> new ArrayList<>()).add(f);
            groups.put(f.relativePath(), row[2].isEmpty() ? null : row[2]);
        }
        BulkDecoder decoder = new BulkDecoder(new ImageDecoder(), config.decodeThreads());
        int[] unreadable = {0};
        SplitImages train = decode("decode train", index, bySplit.getOrDefault("train", List.of()), groups, decoder, unreadable);
        SplitImages val = decode("decode val  ", index, bySplit.getOrDefault("val", List.of()), groups, decoder, unreadable);
        SplitImages test = decode("decode test ", index, bySplit.getOrDefault("test", List.of()), groups, decoder, unreadable);
        if (train.size() == 0 || val.size() == 0 || test.size() == 0) {
            throw new SignDigitsException("The split " + config.manifest() + " leaves a split empty (train " + train.size()
                    + ", val " + val.size() + ", test " + test.size() + "); write it again with 'signdigits data split'.");
        }
        return new TrainingData(index.labels(), train, val, test, index.contentHash(), Sha256.of(config.manifest()),
                config.dataDir(), unreadable[0]);
    }

    private static SplitImages decode(String task, DatasetIndex index, List<LabeledFile> files, Map<String, String> groups,
                                      BulkDecoder decoder, int[] unreadable) {
        BulkDecoder.BulkResult<BufferedImage> result;
        try (ProgressBar bar = new ProgressBar(task, files.size(), "img")) {
            result = decoder.decodeAll(index, files, (file, image) -> shrink(image.rgb()), bar::step);
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

    private static BufferedImage shrink(BufferedImage image) {
        int edge = Math.max(image.getWidth(), image.getHeight());
        if (edge <= KEEP_EDGE) {
            return image;
        }
        double s = (double) KEEP_EDGE / edge;
        int w = Math.max(1, (int) Math.round(image.getWidth() * s));
        int h = Math.max(1, (int) Math.round(image.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }

    /** file -> [file, label, group, split] from a CSV with a header row. */
    private static Map<String, String[]> readManifest(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            throw new SignDigitsException("Split manifest " + manifest + " does not exist; write it with 'signdigits data split'.");
        }
        try {
            Map<String, String[]> rows = new HashMap<>();
            for (String line : Files.readAllLines(manifest)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("file,")) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                rows.put(parts[0], parts);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
