package dev.signdigits.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandSummary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.ConfidenceFloor;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import dev.signdigits.predict.LabelProbability;

/** {@code signdigits predict}: the top digits for each photo, as a table or JSON. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the digit shown in photos (files or directories).",
            "Exit code 0 when every photo was read (a photo in which a hand-locator model finds no hand is read:",
            "it prints 'no hand found'; so is a 'not sure' answer, below --min-confidence), 4 when some could not be",
            "(they are listed), 2 when none was found."})
public final class PredictCommand implements Callable<Integer> {
    static final int SOME_FAILED = 4;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--model", defaultValue = "models/finetuned/latest",
            description = "Fine-tuned model directory, or an exported .tflite/.onnx file for those runtimes.")
    Path model;

    @Option(names = "--runtime", defaultValue = "djl",
            description = "Inference runtime: djl (the trained model directory), tflite, tflite-float16, tflite-int8 or onnx"
                    + " (an exported file, or the model directory holding it; see 'signdigits export'). Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--top-k", defaultValue = "3", description = "How many digits to list per photo.")
    int topK;

    @CommandLine.Mixin
    MinConfidenceOption minConfidence;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--predict-batch-size", defaultValue = "16", description = "Photos per forward pass.")
    int batchSize;

    @Option(names = "--hand-models",
            description = "Directory holding the MediaPipe hand model files, for models trained with --hand-locator"
                    + " (default: models/raw/mediapipe-hands, then the offline mirror, then a download).")
    Path handModels;

    @Option(names = "--hand-locator", defaultValue = HandFramingSpec.AS_RECORDED,
            description = "model (default): the framing the model records (a model trained on hand crops always reads"
                    + " through its locator). auto, full or lite with a whole-photo model: crop the hand first, then read"
                    + " it with the unchanged model. off: whole photos (whole-photo models only).")
    String handLocator;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Photos, or directories searched for photos.")
    List<Path> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (topK < 1 || topK > 10) {
            throw new dev.signdigits.SignDigitsException("--top-k must be between 1 and 10, got " + topK + ".");
        }
        ConfidenceFloor floor = minConfidence.floor();
        PhotoPredictor.Scan scan = PhotoPredictor.scan(inputs);
        if (!scan.unsupported().isEmpty()) {
            spec.commandLine().getErr().println("warning: skipped " + scan.unsupported().size() + " photo(s) in formats"
                    + " that are not decoded (JPEG, PNG, BMP and GIF are): " + scan.unsupported().stream().limit(10)
                    .map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                    + (scan.unsupported().size() > 10 ? ", ..." : "") + "; convert them, e.g. to JPEG.");
        }
        List<Path> files = scan.photos();
        if (files.isEmpty()) {
            throw new dev.signdigits.SignDigitsException("No photo found in " + inputs.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + " (looked for "
                    + String.join(", ", dev.signdigits.data.ImageFolder.IMAGE_EXTENSIONS.stream().sorted().toList())
                    + (scan.unsupported().isEmpty() ? "" : "; " + scan.unsupported().size() + " photo(s) in formats not decoded")
                    + "): pass photo files or a folder that holds some.");
        }
        List<PhotoPrediction> predictions;
        try (DigitClassifier classifier = DigitClassifiers.open(runtime, model);
             HandFraming framing = PhotoPredictor.framingOf(classifier, handModels, handLocator)) {
            PhotoPredictor predictor = new PhotoPredictor(classifier, new ImageDecoder(), batchSize, framing);
            predictions = predictor.predict(files, topK).stream().map(p -> p.withMinConfidence(floor)).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().addMixIn(LabelProbability.class, DigitNamed.class).enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(predictions.stream().map(JsonPrediction::of).toList()));
        } else {
            printTable(out, predictions);
        }
        out.flush();
        boolean anyFailed = predictions.stream().anyMatch(p -> !p.ok());
        if (anyFailed) {
            spec.commandLine().getErr().println("warning: " + predictions.stream().filter(p -> !p.ok()).count()
                    + " of " + predictions.size() + " photos could not be read (see the error lines).");
        }
        return anyFailed ? SOME_FAILED : 0;
    }

    private static void printTable(PrintWriter out, List<PhotoPrediction> predictions) {
        int width = Math.max(4, predictions.stream().mapToInt(p -> p.file().length()).max().orElse(4));
        out.printf(Locale.ROOT, "%-" + width + "s  %5s  %10s  %s%n", "FILE", "DIGIT", "CONFIDENCE", "TOP-K");
        for (PhotoPrediction p : predictions) {
            if (p.noHand()) {
                out.printf(Locale.ROOT, "%-" + width + "s  %5s  %10s  no hand found%n", p.file(), "-", "-");
            } else if (p.ok()) {
                String top = p.topK().stream().map(r -> String.format(Locale.ROOT, "%s:%.3f", r.label(), r.probability()))
                        .collect(Collectors.joining(" "));
                out.printf(Locale.ROOT, "%-" + width + "s  %5s  %10.4f  %s%s%n", p.file(), p.hasDigit() ? p.digit() : "?",
                        p.confidence(), p.notSure() ? "not sure: " : "", top);
            } else {
                out.printf(Locale.ROOT, "%-" + width + "s  %5s  %10s  error: %s%n", p.file(), "-", "-", p.error());
            }
        }
    }

    /**
     * One photo in predict's JSON: {@code digit} is null where there is none (an error, no hand, or
     * not sure); {@code not_sure} and {@code confidence} (the top probability) are present for every
     * classified photo, and a not-sure one keeps its {@code topK} (the best guess first); {@code hand}
     * is present for a model run with the hand locator.
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record JsonPrediction(String file, @JsonInclude(JsonInclude.Include.ALWAYS) String digit,
                          @JsonProperty("not_sure") Boolean notSure, Double confidence,
                          List<LabelProbability> topK, @JsonInclude(JsonInclude.Include.ALWAYS) String error,
                          HandSummary hand) {
        static JsonPrediction of(PhotoPrediction p) {
            return new JsonPrediction(p.file(), p.digit(), p.classified() ? p.notSure() : null,
                    p.classified() ? p.confidence() : null, p.topK(), p.error(),
                    p.handResult().map(HandSummary::of).orElse(null));
        }
    }

    /** In predict's JSON each ranked entry names its label "digit", as it always has. */
    private interface DigitNamed {
        @JsonProperty("digit")
        String label();
    }
}
