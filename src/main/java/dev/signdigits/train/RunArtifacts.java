package dev.signdigits.train;

import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.eval.EpochMetrics;
import dev.signdigits.eval.Breakdown;
import dev.signdigits.eval.LabeledPhoto;
import dev.signdigits.evaluate.ModelEvaluator;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.ModelAccuracy;
import dev.signdigits.hand.HandResult;
import dev.signdigits.shape.Combination;
import dev.signdigits.shape.HandShape;
import dev.signdigits.shape.ShapeExportCheck;
import dev.signdigits.shape.ShapeExportMetadata;
import dev.signdigits.shape.ShapeExports;
import dev.signdigits.shape.ShapeNetwork;
import dev.signdigits.eval.MetricsCsv;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.model.export.Int8Accuracy;
import dev.signdigits.image.ModelInput;
import dev.signdigits.report.EvaluationArtifacts;
import dev.signdigits.report.ReportData;
import dev.signdigits.report.TrainingCurves;
import dev.signdigits.system.ProcessMemory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a finished run leaves in {@code models/finetuned/<run-id>/}: the model (parameters,
 * metadata, labels), configuration and provenance, per-epoch metrics and curves, the test
 * evaluation with its pictures, the split manifest, and report.html. Written into the run's work
 * directory first and published with one rename.
 */
final class RunArtifacts {
    static final String CONFIG_FILE = "config.json";
    static final String PROVENANCE_FILE = "provenance.json";
    static final String SPLIT_FILE = "split.csv";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunArtifacts.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunDirectory run;
    private final TrainingConfig config;
    private final String configHash;
    private final MobileNetSpec spec;
    private final ImportedBackbone backbone;
    private final TrainingData data;
    private final ModelInput preprocessor;
    private final TrainingState state;
    private final String weights;
    private final double valAccuracy;
    private final Evaluation evaluation;
    private final Map<String, Duration> timings;
    private final Instant startedAt;
    private final double seconds;
    private final Combination combination;
    private final List<HandResult> testHands;
    private final List<ModelAccuracy> models;
    private final boolean robustness;

    RunArtifacts(RunDirectory run, TrainingConfig config, String configHash, MobileNetSpec spec, ImportedBackbone backbone,
                 TrainingData data, ModelInput preprocessor, TrainingState state, String weights, double valAccuracy,
                 Evaluation evaluation, Map<String, Duration> timings, Instant startedAt, double seconds,
                 Combination combination, List<HandResult> testHands, List<ModelAccuracy> models, boolean robustness) {
        this.robustness = robustness;
        this.combination = combination;
        this.testHands = testHands;
        this.models = List.copyOf(models);
        this.weights = weights;
        this.valAccuracy = valAccuracy;
        this.run = run;
        this.config = config;
        this.configHash = configHash;
        this.spec = spec;
        this.backbone = backbone;
        this.data = data;
        this.preprocessor = preprocessor;
        this.state = state;
        this.evaluation = evaluation;
        this.timings = new LinkedHashMap<>(timings);
        this.startedAt = startedAt;
        this.seconds = seconds;
    }

    /** Writes every artifact and publishes the run; returns the final model directory. */
    Path publish(SequentialBlock network) {
        Path dir = run.workDir().resolve("artifacts");
        try {
            dev.signdigits.io.AtomicFiles.deleteRecursively(dir);
            Files.createDirectories(dir);
            Map<String, String> provenance = provenance();
            FinetunedMetadata written = FinetunedModel.write(dir, network, metadata(provenance));
            Files.copy(config.manifest(), dir.resolve(SPLIT_FILE), StandardCopyOption.REPLACE_EXISTING);
            if (exportShape(dir, provenance)) {
                written = written.withProvenance(provenance);
                FinetunedModel.writeMetadata(dir, written);
            }
            Optional<Int8Accuracy> int8 = exportInt8(dir, written, provenance);
            JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), config.asMap());
            JSON.writeValue(dir.resolve(PROVENANCE_FILE).toFile(), provenance);
            if (config.handFraming().on()) {
                data.hands().write(dir.resolve(HandLocations.FILE));
            }
            List<EpochMetrics> epochs = state.history();
            MetricsCsv.write(dir.resolve(MetricsCsv.FILE_NAME), epochs);
            TrainingCurves.write(epochs, dir);
            List<Breakdown.Condition> conditions = robustness ? robustness(dir) : List.of();
            Function<String, BufferedImage> loader = testImages();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("run_id", run.runId());
            meta.put("split", "test");
            meta.put("data_dir", data.dataDir().toString());
            int8.ifPresent(i -> meta.put("int8", i.toProvenance()));
            if (config.handFraming().on()) {
                meta.put("hand", handSummary());
            }
            EvaluationArtifacts.writeWithReport(dir, new ReportData(run.runId(),
                    String.format(Locale.ROOT, "signdigits run %s: %.2f%% on unseen people", run.runId(), evaluation.accuracy() * 100),
                    Instant.now(), config.asMap(), provenance, timings, epochs, evaluation, new Breakdown(models, conditions)), meta, loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artifacts of run " + run.runId(), e);
        }
        return run.publish(dir);
    }

    /**
     * model-int8.tflite beside the model, measured on the test photos; the result joins the
     * provenance (also in model.json, where serving reads it). Empty when the export failed.
     */
    private Optional<Int8Accuracy> exportInt8(Path dir, FinetunedMetadata written, Map<String, String> provenance)
            throws IOException {
        long started = System.nanoTime();
        Optional<Int8Accuracy> int8 = Int8Export.run(dir, data.dataDir(), data.labels(), data.test(), evaluation,
                combination, testHands);
        timings.put("int8 export and test", Duration.ofNanos(System.nanoTime() - started));
        if (int8.isPresent()) {
            provenance.putAll(int8.get().toProvenance());
            FinetunedModel.writeMetadata(dir, written.withProvenance(provenance));
        }
        return int8;
    }

    /**
     * The robustness section on the test photos, read as {@code serve --runtime auto} would read them
     * (the model just written, with its framing and combination), as {@code evaluate} computes it.
     */
    private List<Breakdown.Condition> robustness(Path dir) {
        long started = System.nanoTime();
        SplitImages test = data.test();
        List<LabeledPhoto> photos = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            photos.add(new LabeledPhoto(test.files().get(i), test.labels()[i], test.groups().get(i),
                    dev.signdigits.image.ImageDecoder.toRgb(test.images().get(i)), testHands.get(i)));
        }
        try (DigitClassifier classifier = DigitClassifiers.open("auto", dir, 0, 1);
             HandFraming framing = PhotoPredictor.framingOf(classifier)) {
            List<Breakdown.Condition> rows = ModelEvaluator.robustness(classifier, framing, photos, config.decodeThreads());
            timings.put("robustness (" + classifier.info().runtime() + ")", Duration.ofNanos(System.nanoTime() - started));
            return rows;
        }
    }

    /**
     * hand-shape.tflite and hand-shape.onnx beside the model, checked against the network on every
     * test photo's hand in the real runtimes; the agreement joins the provenance. False without a
     * hand-shape network.
     */
    private boolean exportShape(Path dir, Map<String, String> provenance) {
        ShapeNetwork net = combination.network();
        if (net == null) {
            return false;
        }
        long started = System.nanoTime();
        String json = ShapeExportMetadata.of(run.runId(), data.labels(), combination, net.inputs()).toJson();
        Path tflite = dir.resolve(ShapeExports.TFLITE_FILE);
        Path onnx = dir.resolve(ShapeExports.ONNX_FILE);
        ShapeExports.writeTflite(net, tflite, json);
        ShapeExports.writeOnnx(net, onnx, json);
        List<float[]> shapes = new ArrayList<>();
        for (HandResult hand : testHands) {
            if (hand instanceof HandResult.Found found) {
                shapes.add(HandShape.features(found));
            }
        }
        ShapeExportCheck.Agreement agreement = ShapeExportCheck.check(net, tflite, onnx, shapes);
        provenance.put("hand_shape_exports", ShapeExports.TFLITE_FILE + " " + ShapeExports.ONNX_FILE + ": "
                + agreement.summary() + " on the test photos' hands");
        timings.put("hand-shape export and check", Duration.ofNanos(System.nanoTime() - started));
        if (!agreement.complete()) {
            LOG.warn("The hand-shape exports disagree with the trained network: {}", agreement.summary());
        }
        return true;
    }

    private FinetunedMetadata metadata(Map<String, String> provenance) {
        return new FinetunedMetadata(FinetunedMetadata.FORMAT, FinetunedMetadata.FORMAT_VERSION, run.runId(),
                spec.architecture(), spec.width(), spec.inputSize(), data.labels(), config.dropout(),
                Preprocessing.of(preprocessor),
                LayerStack.names(MobileNets.classifier(spec, data.labels().size(), config.dropout())),
                null, provenance);
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("run_id", run.runId());
        p.put("created_by", "signdigits train (fine-tuned last " + config.fineTuneLayers() + " layers on cached features)");
        p.put("started_at", startedAt.toString());
        p.put("finished_at", Instant.now().toString());
        p.put("duration_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        p.put("peak_rss_mb", Long.toString(ProcessMemory.peakRssBytes() >> 20));
        p.put("dataset_dir", data.dataDir().toString());
        p.put("dataset_sha256", data.datasetHash());
        p.put("manifest_sha256", data.manifestHash());
        p.put("train_photos", Integer.toString(data.train().size()));
        p.put("val_photos", Integer.toString(data.val().size()));
        p.put("test_photos", Integer.toString(data.test().size()));
        p.put("unreadable_photos_skipped", Integer.toString(data.unreadable()));
        p.put("base_model", backbone.metadata().name());
        p.put("base_weights_file", String.valueOf(backbone.metadata().sourceFile()));
        p.put("base_weights_sha256", String.valueOf(backbone.metadata().sourceSha256()));
        p.put("config_hash", configHash);
        p.put("best_epoch", Integer.toString(state.bestEpoch()));
        p.put("epochs_run", Integer.toString(state.completedEpochs()));
        p.put("weights", weights);
        p.put("val_accuracy", String.format(Locale.ROOT, "%.4f", valAccuracy));
        p.put("test_accuracy", String.format(Locale.ROOT, "%.4f", evaluation.accuracy()));
        p.putAll(config.handFraming().toProperties(spec.inputSize()));
        p.putAll(combination.toProperties());
        for (ModelAccuracy m : models) {
            p.put("test_accuracy_" + m.model().replace(' ', '_'), String.format(Locale.ROOT, "%.4f", m.accuracy()));
            p.put("test_calibration_error_" + m.model().replace(' ', '_'), String.format(Locale.ROOT, "%.4f",
                    m.calibrationError()));
        }
        if (config.handFraming().on()) {
            p.putAll(handSummary());
        }
        p.putAll(Provenance.environment());
        return p;
    }

    /** How many photos had no hand (left out of every split) and the test accuracy with them counted as wrong. */
    private Map<String, String> handSummary() {
        HandLocations hands = data.hands();
        int missingTest = hands.missing("test").size();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hand_photos_located", Integer.toString(hands.rows().size()));
        m.put("hand_locations_cached", Integer.toString(hands.fromCache()));
        m.put("hand_missing_train", Integer.toString(hands.missing("train").size()));
        m.put("hand_missing_val", Integer.toString(hands.missing("val").size()));
        m.put("hand_missing_test", Integer.toString(missingTest));
        m.put("hand_missing_files", String.join(" ", hands.missing(null).stream().map(HandLocations.Row::file).toList()));
        m.put("test_accuracy_with_misses", String.format(Locale.ROOT, "%.4f",
                evaluation.correct() / (double) (data.test().size() + missingTest)));
        return m;
    }

    private Function<String, BufferedImage> testImages() {
        Map<String, BufferedImage> byFile = new HashMap<>();
        SplitImages test = data.test();
        for (int i = 0; i < test.size(); i++) {
            byFile.put(test.files().get(i), test.images().get(i));
        }
        return byFile::get;
    }

}
