package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.BulkDecoder;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageDecoder;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.eval.PhotoSetEvaluator;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.model.FinetunedModel;
import dev.signdigits.predict.DjlDigitClassifier;
import dev.signdigits.report.EvaluationArtifacts;
import dev.signdigits.report.EvaluationText;
import dev.signdigits.report.HtmlReport;
import dev.signdigits.report.ReportData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits evaluate}: accuracy, per-class and per-person numbers and pictures for a model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a fine-tuned model on a split of its own data (--split) or on any ImageFolder (--data),",
            "e.g. photos of other people. Writes evaluation.json/.txt, confusion.png, misclassified.png and report.html."})
public final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest", description = "Fine-tuned model directory.")
    Path model;

    @Option(names = "--split", defaultValue = "test", description = "Split of the model's own manifest: train, val or test.")
    String split;

    @Option(names = "--data", defaultValue = "", description = "Evaluate on this ImageFolder instead of a split.")
    String data;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits",
            description = "Where the model's dataset lives (for --split).")
    Path dataDir;

    @Option(names = "--eval-out", defaultValue = "",
            description = "Output directory (default: <model>/evaluations/<split or folder name>).")
    String outDir;

    @Option(names = "--decode-threads", defaultValue = "2", description = "Threads for decoding.")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path modelDir = model.toAbsolutePath().normalize();
        FinetunedModel.readMetadata(modelDir);
        DatasetIndex index;
        List<LabeledFile> files;
        Map<String, String> groups = new HashMap<>();
        String name;
        if (!data.isBlank()) {
            index = ImageFolder.scan(Path.of(data), "--data");
            files = index.entries();
            GroupsFile groupsFile = GroupsFile.readIfPresent(index.root());
            if (groupsFile != null) {
                groupsFile.rows().forEach((file, row) -> groups.put(file, row.group()));
            }
            name = Path.of(data).toAbsolutePath().normalize().getFileName().toString();
        } else {
            Split which = parseSplit(split);
            Path manifestFile = modelDir.resolve("split.csv");
            SplitManifest manifest = SplitManifest.read(manifestFile);
            index = ImageFolder.scan(dataDir);
            if (!manifest.matches(index)) {
                throw new SignDigitsException(dataDir + " is not the dataset this model was trained on (its content hash differs"
                        + " from " + manifestFile + "); pass --data-dir with that dataset, or --data to evaluate any folder.");
            }
            files = manifest.files(which);
            for (ManifestEntry e : manifest.entries()) {
                groups.put(e.file(), e.group());
            }
            name = which.name().toLowerCase(Locale.ROOT);
        }
        Path out = outDir.isBlank() ? modelDir.resolve("evaluations").resolve(name) : Path.of(outDir);
        Instant started = Instant.now();
        PhotoSetEvaluator.Outcome outcome;
        try (DjlDigitClassifier classifier = DjlDigitClassifier.open(modelDir)) {
            outcome = new PhotoSetEvaluator(classifier, new BulkDecoder(new ImageDecoder(), threads), 16)
                    .evaluate(index, files, groups);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", modelDir.toString());
        meta.put("data", index.root().toString());
        meta.put("selection", data.isBlank() ? "split " + name : "folder");
        meta.put("unreadable", outcome.unreadable().size());
        AtomicFiles.writeDirectory(out, dir -> {
            EvaluationArtifacts.write(dir, outcome.evaluation(), meta, outcome.thumbnails()::get);
            Map<String, String> config = new LinkedHashMap<>();
            meta.forEach((k, v) -> config.put(k, String.valueOf(v)));
            HtmlReport.write(new ReportData(name, String.format(Locale.ROOT, "Evaluation of %s on %s: %.2f%%",
                            modelDir.getFileName(), name, outcome.evaluation().accuracy() * 100), Instant.now(), config,
                            FinetunedModel.readMetadata(modelDir).provenance(),
                            Map.of("evaluation", Duration.between(started, Instant.now())), List.of(), outcome.evaluation()),
                    outcome.thumbnails()::get, dir.resolve(HtmlReport.FILE_NAME));
        });
        PrintWriter w = spec.commandLine().getOut();
        w.print(EvaluationText.render(outcome.evaluation()));
        outcome.unreadable().forEach(f -> w.println("unreadable: " + f.file() + ": " + f.message()));
        w.println("Written to " + out);
        w.flush();
        return 0;
    }

    private static Split parseSplit(String value) {
        for (Split s : Split.values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new SignDigitsException("--split must be train, val or test, got '" + value + "'.");
    }

}
