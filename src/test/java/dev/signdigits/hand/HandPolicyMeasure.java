package dev.signdigits.hand;

import dev.signdigits.data.split.Split;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Tunes how the locator decides (docs/hand-locator.md, "Decision policy"): every score each step
 * could use is recorded once per frame (first-look palms, the whole-frame read, tiled palms, and
 * for each the landmark model's second read on the region its own landmarks give), then decision
 * policies are replayed on the records. Tuned on the validation split's stand-ins, reported on the
 * test split's. Not a test; run with {@code -Dsigndigits.measure=policy}.
 */
@Tag("measure")
@EnabledIfSystemProperty(named = "signdigits.measure", matches = "policy")
class HandPolicyMeasure {
    private static final int CANDIDATES = 3;
    private static final double FLOOR = 0.05;

    /** One way to read a hand: a detection's (or the whole frame's) region, read once and read again. */
    record Candidate(double score, double presence, boolean onPhoto, double refined, boolean refinedOnPhoto) implements Serializable {}

    record FrameTrace(boolean hand, boolean located, List<Candidate> first, Candidate whole, List<Candidate> tiled, List<Candidate> fine) implements Serializable {}

    /** A decision rule to replay. */
    record Policy(double detector, double presence, double refined, boolean best, boolean useWhole, double tilePresence,
                  double tileRefined, int candidates, double direct, double sure, boolean fine) {
        /** The candidate answered, or null for "no hand". */
        Candidate decide(FrameTrace t) {
            Candidate c = pick(t.first(), presence, refined);
            if (sure > 0) {
                if (c != null && c.score() >= sure && c.refined() >= refined) {
                    return c;
                }
                if (c == null && useWhole && t.whole().presence() >= presence && accepted(t.whole(), refined)) {
                    return t.whole();
                }
                Candidate tile = pick(t.tiled(), tilePresence, tileRefined);
                if (c == null && tile == null && fine) {
                    return pick(t.fine(), tilePresence, tileRefined);
                }
                if (c == null) {
                    return tile;
                }
                if (tile == null) {
                    return c;
                }
                return tile.score() * tile.refined() > c.score() * c.refined() ? tile : c;
            }
            if (c == null && useWhole && t.whole().presence() >= presence && accepted(t.whole(), refined)) {
                c = t.whole();
            }
            return c != null ? c : pick(t.tiled(), tilePresence, tileRefined);
        }

        /** Whether the hand is accepted; a first read at or above {@code direct} needs no second read. */
        boolean accepted(Candidate c, double r) {
            return c.presence() >= direct || c.refined() >= r;
        }

        /** Whether the answer's box (the second read's unless the first was accepted directly) lies on the photo. */
        boolean onPhoto(Candidate c) {
            return refined > 0 && c.presence() < direct ? c.refinedOnPhoto() : c.onPhoto();
        }

        /** Landmark model runs a frame costs up to the first answer (detector runs not counted). */
        int cost(FrameTrace t) {
            int runs = 0;
            for (Candidate c : t.first()) {
                if (c.score() < detector) {
                    continue;
                }
                runs += c.presence() >= presence && c.presence() < direct && refined > 0 ? 2 : 1;
                if (c == decide(t)) {
                    return runs;
                }
            }
            return runs + 1;
        }

        private Candidate pick(List<Candidate> list, double p, double r) {
            Candidate chosen = null;
            int tried = 0;
            for (Candidate c : list) {
                if (c.score() < detector || tried >= candidates) {
                    continue;
                }
                tried++;
                if (c.presence() >= p && accepted(c, r)) {
                    if (!best) {
                        return c;
                    }
                    if (chosen == null || c.refined() > chosen.refined()) {
                        chosen = c;
                    }
                }
            }
            return chosen;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "det %.2f pres %.2f ref %.2f direct %.2f sure %.2f fine %s %s tile %.2f/%.2f k=%d", detector, presence, refined,
                    direct, sure, fine, best ? "best" : "first", tilePresence, tileRefined, candidates);
        }
    }

    @Test
    void measure() {
        HandModels.Variant variant = HandModels.Variant.valueOf(System.getProperty("signdigits.variant", "FULL"));
        List<Path> scenes = HandTestData.imagenetSamples();
        List<HandTestData.LabeledPhoto> val = HandTestData.split(Split.VAL);
        List<HandTestData.LabeledPhoto> test = HandTestData.split(Split.TEST);
        Sets tune = traces(variant, "val", val, scenes, HandLocatorMeasure.TUNE_SEED);
        Sets report = traces(variant, "test", test, scenes, HandLocatorMeasure.REPORT_SEED);
        List<Policy> policies = new ArrayList<>();
        for (double d : new double[] {0.05, 0.1, 0.2, 0.3, 0.5}) {
            for (double p : new double[] {0.3, 0.5}) {
                for (double r : new double[] {0, 0.3, 0.5, 0.7, 0.8, 0.9}) {
                    for (boolean best : new boolean[] {false, true}) {
                        for (double tp : new double[] {0.5, 0.7, 0.9}) {
                            for (double tr : new double[] {0, 0.5, 0.7, 0.8, 0.9}) {
                                for (int k : new int[] {2, 3}) {
                                    for (double direct : new double[] {0.99, 1.01}) {
                                        for (double sure : new double[] {0, 0.3, 0.5, 0.7}) {
                                            for (boolean fine : new boolean[] {false, true}) {
                                                if (!fine || sure > 0) {
                                                    policies.add(new Policy(d, p, r, best, true, tp, tr, k, direct, sure, fine));
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Policy current = new Policy(0.1, 0.3, 0, false, true, 0.7, 0, 2, 0, 0, false);
        System.out.println("current: val " + tune.score(current) + " | test " + report.score(current));
        List<Policy> ranked = new ArrayList<>(policies);
        ranked.sort(Comparator.comparingDouble((Policy p) -> tune.margin(p)).reversed());
        for (Policy p : ranked.subList(0, 30)) {
            System.out.printf(Locale.ROOT, "%-62s val %s | test %s%n", p, tune.score(p), report.score(p));
        }
        Policy chosen = new Policy(0.1, 0.3, 0.9, false, true, 0.5, 0.9, 3, 0.99, 0.5, true);
        System.out.printf(Locale.ROOT, "CHOSEN %-62s val %s | test %s%n", chosen, tune.score(chosen), report.score(chosen));
        Policy noFine = new Policy(0.1, 0.3, 0.9, false, true, 0.5, 0.9, 3, 0.99, 0.5, false);
        System.out.printf(Locale.ROOT, "NOFINE %-62s val %s | test %s%n", noFine, tune.score(noFine), report.score(noFine));
        for (int i = 0; i < report.phone().size(); i++) {
            FrameTrace t = report.phone().get(i);
            Candidate c = chosen.decide(t);
            if (c == null || !chosen.onPhoto(c)) {
                System.out.println("test phone-like miss " + i + ": " + t);
            }
        }
    }

    /** The three sets of one split, traced. */
    record Sets(List<FrameTrace> photos, List<FrameTrace> phone, List<FrameTrace> none) {
        double[] rates(Policy p) {
            double photosFound = photos.stream().filter(t -> p.decide(t) != null).count() / (double) photos.size();
            double phoneRight = phone.stream().filter(t -> {
                Candidate c = p.decide(t);
                return c != null && p.onPhoto(c);
            }).count() / (double) phone.size();
            double phoneFound = phone.stream().filter(t -> p.decide(t) != null).count() / (double) phone.size();
            double noneRight = none.stream().filter(t -> p.decide(t) == null).count() / (double) none.size();
            return new double[] {photosFound, phoneFound, phoneRight, noneRight};
        }

        double margin(Policy p) {
            double[] r = rates(p);
            return Math.min(r[0] - 0.99, Math.min(r[2] - 0.97, r[3] - 0.95)) + 1e-3 * (r[0] + r[2] + r[3]);
        }

        String score(Policy p) {
            double[] r = rates(p);
            double runs = phone.stream().mapToInt(p::cost).average().orElse(0);
            return String.format(Locale.ROOT, "photos %6.2f phone found %6.2f on %6.2f none %6.2f lm-runs %.2f", 100 * r[0], 100 * r[1],
                    100 * r[2], 100 * r[3], runs);
        }
    }

    @SuppressWarnings("unchecked")
    private static Sets traces(HandModels.Variant variant, String name, List<HandTestData.LabeledPhoto> photos, List<Path> scenes, long seed) {
        Path cache = Path.of("target", "hand-policy-" + variant + "-" + name + ".ser");
        if (Files.exists(cache)) {
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(cache))) {
                return new Sets((List<FrameTrace>) in.readObject(), (List<FrameTrace>) in.readObject(), (List<FrameTrace>) in.readObject());
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        Sets sets;
        try (PalmDetector detector = new PalmDetector(HandTestData.models(variant).palmDetector(), 1);
             LandmarkModel landmarks = new LandmarkModel(HandTestData.models(variant).landmarks(), 1)) {
            List<FrameTrace> a = new ArrayList<>();
            for (HandTestData.LabeledPhoto p : photos) {
                a.add(trace(detector, landmarks, new StandIns.Frame(p.file().toString(), HandTestData.read(p.file()), p.label(), null, null)));
            }
            List<FrameTrace> b = StandIns.phoneLike(photos, scenes, seed).stream().map(f -> trace(detector, landmarks, f)).toList();
            List<FrameTrace> c = StandIns.noHand(scenes, photos, seed).stream().map(f -> trace(detector, landmarks, f)).toList();
            sets = new Sets(a, new ArrayList<>(b), new ArrayList<>(c));
        }
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(cache))) {
            out.writeObject(new ArrayList<>(sets.photos()));
            out.writeObject(sets.phone());
            out.writeObject(sets.none());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sets;
    }

    private static FrameTrace trace(PalmDetector detector, LandmarkModel landmarks, StandIns.Frame frame) {
        RgbFrame rgb = RgbFrame.of(frame.image());
        List<Candidate> first = candidates(landmarks, rgb, frame, detector.detect(rgb, FLOOR).palms());
        Candidate whole = candidate(landmarks, rgb, frame, Double.NaN, RotatedRect.letterbox(rgb.width(), rgb.height()), Border.ZERO);
        List<PalmDetection> tiled = new ArrayList<>();
        for (RotatedRect tile : HandLocator.tiles(rgb)) {
            tiled.addAll(detector.detect(rgb, tile, FLOOR).palms());
        }
        tiled.sort(Comparator.comparingDouble(PalmDetection::score).reversed());
        List<PalmDetection> fine = new ArrayList<>();
        for (RotatedRect tile : HandLocator.fineTiles(rgb)) {
            fine.addAll(detector.detect(rgb, tile, FLOOR).palms());
        }
        fine.sort(Comparator.comparingDouble(PalmDetection::score).reversed());
        return new FrameTrace(frame.hasHand(), frame.bounds() != null, first, whole, candidates(landmarks, rgb, frame, tiled),
                candidates(landmarks, rgb, frame, fine));
    }

    private static List<Candidate> candidates(LandmarkModel landmarks, RgbFrame rgb, StandIns.Frame frame, List<PalmDetection> palms) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < Math.min(CANDIDATES, palms.size()); i++) {
            out.add(candidate(landmarks, rgb, frame, palms.get(i).score(), HandRegions.fromPalm(palms.get(i)), Border.REPLICATE));
        }
        return out;
    }

    private static Candidate candidate(LandmarkModel landmarks, RgbFrame rgb, StandIns.Frame frame, double score, RotatedRect region, Border border) {
        LandmarkModel.Reading first = landmarks.read(rgb, region, border);
        LandmarkModel.Reading again = landmarks.read(rgb, HandRegions.fromLandmarks(first.landmarks()), Border.REPLICATE);
        return new Candidate(score, first.presence(), onPhoto(first, frame), again.presence(), onPhoto(again, frame));
    }

    private static boolean onPhoto(LandmarkModel.Reading reading, StandIns.Frame frame) {
        if (frame.bounds() == null) {
            return false;
        }
        HandResult.Found hand = new HandResult.Found(0, reading.presence(), RotatedRect.letterbox(1, 1), box(reading.landmarks()),
                reading.landmarks(), reading.handedness(), reading.handednessScore(), HandPath.PALM_DETECTOR);
        return StandIns.onThePhoto(hand, frame);
    }

    private static Box box(List<Landmark> landmarks) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Landmark l : landmarks) {
            minX = Math.min(minX, l.x());
            minY = Math.min(minY, l.y());
            maxX = Math.max(maxX, l.x());
            maxY = Math.max(maxY, l.y());
        }
        return new Box(minX, minY, Math.max(1e-6, maxX - minX), Math.max(1e-6, maxY - minY));
    }
}
