package dev.signdigits.evaluate;

import dev.signdigits.eval.Breakdown;
import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.eval.PhotoSetEvaluator;
import dev.signdigits.eval.robustness.Conditions;
import dev.signdigits.eval.robustness.OriginalHands;
import dev.signdigits.eval.robustness.RobustnessEvaluator;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.report.EvaluationArtifacts;
import dev.signdigits.report.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code signdigits evaluate} as a service: picks the photos (a split of the model's own manifest,
 * checked against the dataset's hash, or any folder-per-digit set with its groups.csv), runs the
 * model on the chosen runtime, adds the robustness section (the same photos changed; see
 * {@link dev.signdigits.eval.robustness}) unless asked not to, and writes the evaluation files and
 * report.html atomically.
 */
public final class ModelEvaluator {
    private static final int BATCH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluator.class);

    private ModelEvaluator() {}

    public static EvaluationResult run(EvaluationRequest request) {
        Path model = request.model().toAbsolutePath().normalize();
        Photos photos = request.folder() != null ? folder(request.folder()) : split(model, request);
        boolean asRecorded = request.handLocator() == null || request.handLocator().strip().equalsIgnoreCase(HandFramingSpec.AS_RECORDED);
        // another framing than the model's own never overwrites the model's own evaluation of the same photos
        String name = asRecorded ? photos.name() : photos.name() + "-hand-" + request.handLocator().strip().toLowerCase(Locale.ROOT);
        Path out = request.outDir() != null ? request.outDir() : modelDir(model).resolve("evaluations").resolve(name);
        Measured measured = measure(model, request, photos);
        PhotoSetEvaluator.Outcome outcome = measured.outcome();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", model.toString());
        meta.put("runtime", measured.runtime());
        meta.put("data", photos.index().root().toString());
        meta.put("selection", request.folder() == null ? "split " + photos.name() : "folder");
        meta.put("unreadable", outcome.unreadable().size());
        if (outcome.located()) {
            meta.put("hand", handMeta(measured.handLocator(), outcome));
        }
        if (!measured.robustness().isEmpty()) {
            meta.put("robustness_seed", RobustnessEvaluator.DEFAULT_SEED);
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        meta.forEach((k, v) -> configuration.put(k, String.valueOf(v)));
        Breakdown breakdown = new Breakdown(outcome.models(), measured.robustness());
        ReportData report = new ReportData(photos.name(), String.format(Locale.ROOT, "Evaluation of %s (%s) on %s: %.2f%%",
                model.getFileName(), measured.runtime(), photos.name(), outcome.evaluation().accuracy() * 100), Instant.now(),
                configuration, measured.provenance(), measured.timings(), List.of(), outcome.evaluation(), breakdown);
        AtomicFiles.writeDirectory(out, dir -> EvaluationArtifacts.writeWithReport(dir, report, meta, outcome.thumbnails()::get));
        return new EvaluationResult(photos.name(), measured.runtime(), outcome.evaluation(), outcome.unreadable(), out,
                outcome.located() ? outcome : null, breakdown);
    }

    /** What running the model gave: the outcome (without the decoded photos), the robustness rows, and about the run. */
    private record Measured(PhotoSetEvaluator.Outcome outcome, List<Breakdown.Condition> robustness, String runtime,
                            String handLocator, Map<String, String> provenance, Map<String, Duration> timings) {}

    /** Runs the model on the photos, and on the changed photos for the robustness section when asked. */
    private static Measured measure(Path model, EvaluationRequest request, Photos photos) {
        Instant started = Instant.now();
        Map<String, Duration> timings = new LinkedHashMap<>();
        try (DigitClassifier classifier = DigitClassifiers.open(request.runtime(), model, 0, 1);
             HandFraming framing = PhotoPredictor.framingOf(classifier, null, request.handLocator())) {
            Map<String, String> provenance = Files.isDirectory(model) ? FinetunedModel.readMetadata(model).provenance()
                    : classifier.info().properties();
            PhotoSetEvaluator.Outcome outcome = new PhotoSetEvaluator(classifier,
                    new BulkDecoder(new ImageDecoder(), request.decodeThreads()), BATCH, framing)
                    .evaluate(photos.index(), photos.files(), photos.groups(), request.robustness());
            timings.put("evaluation", Duration.between(started, Instant.now()));
            List<Breakdown.Condition> robustness = List.of();
            if (request.robustness()) {
                Instant robustnessStarted = Instant.now();
                robustness = robustness(classifier, framing, outcome.photos(), request.decodeThreads());
                timings.put("robustness", Duration.between(robustnessStarted, Instant.now()));
            }
            return new Measured(outcome.withoutPhotos(), robustness, classifier.info().runtime(), framing.spec().toString(),
                    provenance, timings);
        }
    }

    /**
     * The robustness section on the photos just evaluated. The hands for background-replaced are the
     * model's own locator's; a whole-photo model has none, so the default locator finds them (without
     * its files, that condition is left out with a warning).
     */
    public static List<Breakdown.Condition> robustness(DigitClassifier classifier, HandFraming framing,
                                                       List<LabeledPhoto> photos, int threads) {
        HandFraming masks = framing.locates() ? null : maskLocator(classifier.info().inputSize());
        try {
            HandFraming locator = framing.locates() ? framing : masks;
            OriginalHands hands = locator == null ? null : new OriginalHands(photos, locator);
            return new RobustnessEvaluator(classifier, framing, PhotoPredictor.combinationOf(classifier), BATCH, threads)
                    .evaluate(photos, Conditions.standard(photos, hands), RobustnessEvaluator.DEFAULT_SEED);
        } finally {
            if (masks != null) {
                masks.close();
            }
        }
    }

    /** The default hand locator, for the masks of a whole-photo model's background-replaced photos; null without its files. */
    private static HandFraming maskLocator(int inputSize) {
        try {
            return HandFraming.open(HandFramingSpec.parse("auto"), inputSize, HandFraming.DEFAULT_MODELS_DIR);
        } catch (SignDigitsException e) {
            LOG.warn("The robustness section has no background-replaced row: its hand masks need the hand locator ({})",
                    e.getMessage());
            return null;
        }
    }

    /** The hand locator's part of evaluation.json: how often it found the hand, and the accuracy with misses counted. */
    private static Map<String, Object> handMeta(String locator, PhotoSetEvaluator.Outcome outcome) {
        Map<String, Object> hand = new LinkedHashMap<>();
        hand.put("locator", locator);
        hand.put("photos", outcome.evaluation().count() + outcome.noHand().size());
        hand.put("found", outcome.evaluation().count());
        hand.put("detection_rate", outcome.detectionRate());
        hand.put("accuracy_hand_found", outcome.evaluation().accuracy());
        hand.put("accuracy_overall", outcome.overallAccuracy());
        hand.put("no_hand", outcome.noHand());
        return hand;
    }

    /** The photos to score, with the group (person session) of each where known. */
    private record Photos(String name, DatasetIndex index, List<LabeledFile> files, Map<String, String> groups) {}

    private static Photos folder(Path folder) {
        DatasetIndex index = ImageFolder.scan(folder, "--data");
        Map<String, String> groups = new HashMap<>();
        GroupsFile groupsFile = GroupsFile.readIfPresent(index.root());
        if (groupsFile != null) {
            groupsFile.rows().forEach((file, row) -> groups.put(file, row.group()));
        }
        return new Photos(folder.toAbsolutePath().normalize().getFileName().toString(), index, index.entries(), groups);
    }

    private static Photos split(Path model, EvaluationRequest request) {
        if (!Files.isDirectory(model)) {
            throw new SignDigitsException(model + " is a single exported file, which has no split of its own; pass the model"
                    + " directory made by 'signdigits train', or --data with a folder of photos.");
        }
        FinetunedModel.readMetadata(model);
        Path manifestFile = model.resolve("split.csv");
        SplitManifest manifest = SplitManifest.read(manifestFile);
        DatasetIndex index = ImageFolder.scan(request.dataDir());
        if (!manifest.matches(index)) {
            throw new SignDigitsException(request.dataDir() + " is not the dataset this model was trained on (its content hash"
                    + " differs from " + manifestFile + "); pass --data-dir with that dataset, or --data to evaluate any folder.");
        }
        Map<String, String> groups = new HashMap<>();
        for (ManifestEntry e : manifest.entries()) {
            groups.put(e.file(), e.group());
        }
        return new Photos(request.split().name().toLowerCase(Locale.ROOT), index, manifest.files(request.split()), groups);
    }

    /** Where a model's evaluations go: beside the model, also when the model is a file in it. */
    private static Path modelDir(Path model) {
        return Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    }
}
