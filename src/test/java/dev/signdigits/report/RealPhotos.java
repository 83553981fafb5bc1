package dev.signdigits.report;

import dev.signdigits.eval.EpochMetrics;
import dev.signdigits.eval.Scored;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Test fixtures from the real dataset in ../shared: photos with their labels and groups, scored
 * by a seeded stand-in for a model (right most of the time, wrong with plausible confidence).
 */
final class RealPhotos {
    static final Path DATASET = Path.of("..", "shared", "datasets", "sign-language-digits");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private RealPhotos() {}

    /** The first {@code groups} groups of groups.csv (10 photos each), scored with {@code accuracy} on average. */
    static List<Scored> scored(int groups, double accuracy, long seed) {
        Path csv = DATASET.resolve("groups.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("tests need the dataset at " + csv.toAbsolutePath());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(seed);
        List<Scored> scored = new ArrayList<>();
        List<String> seenGroups = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (!seenGroups.contains(cells[2])) {
                if (seenGroups.size() == groups) {
                    break;
                }
                seenGroups.add(cells[2]);
            }
            int label = Integer.parseInt(cells[1]);
            scored.add(new Scored(cells[0], label, probabilities(label, random.nextDouble() < accuracy, random), cells[2]));
        }
        return scored;
    }

    /** Decodes a dataset photo by its groups.csv path, as a caller's loader would. */
    static Function<String, BufferedImage> loader() {
        return file -> {
            try {
                return ImageIO.read(DATASET.resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static List<EpochMetrics> epochs(int n) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            double trainLoss = 2.2 * Math.exp(-0.45 * e) + 0.05;
            double valLoss = 2.1 * Math.exp(-0.35 * e) + 0.18 + 0.004 * e;
            epochs.add(new EpochMetrics(e, trainLoss, 1 - 0.9 * Math.exp(-0.5 * e), valLoss,
                    0.93 - 0.85 * Math.exp(-0.4 * e), 1e-3 * Math.pow(0.9, e), 40 + e));
        }
        return epochs;
    }

    private static float[] probabilities(int label, boolean right, Random random) {
        float[] p = new float[DIGITS.size()];
        int top = right ? label : (label + 1 + random.nextInt(DIGITS.size() - 1)) % DIGITS.size();
        float confidence = 0.4f + 0.55f * random.nextFloat();
        float rest = 1 - confidence;
        p[top] = confidence;
        if (!right) {
            p[label] = rest * random.nextFloat(); // the truth is often second
            rest -= p[label];
        }
        for (int i = 0; i < p.length; i++) {
            if (i != top && !(i == label && !right)) {
                p[i] = rest / (right ? p.length - 1 : p.length - 2);
            }
        }
        return p;
    }
}
