package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.model.backbone.BackboneImporter;
import dev.signdigits.model.backbone.BackboneMetadata;
import dev.signdigits.model.ModelSummary;
import dev.signdigits.system.NativeSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits model import}: a MobileNet .tflite file into {@code <models-dir>/raw/<name>/}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an ImageNet MobileNet v1/v2 .tflite file (weights dequantized, batch norm unfolded)",
            "into <models-dir>/raw/<name>/ as DJL parameters plus metadata.json."})
public final class ModelImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tflite", defaultValue = "",
            description = "The .tflite file to import (required), e.g. ../shared/pretrained/mobilenet_v1_0.25_128_quant.tflite.")
    String tflite;

    @Option(names = "--name", defaultValue = "",
            description = "Directory name under <models-dir>/raw (default: the recognized network, e.g. mobilenet_v1_1.0_224).")
    String name;

    @Option(names = "--models-dir", defaultValue = "models",
            description = "Root of raw (imported) and finetuned models.")
    Path modelsDir;

    @Override
    public Integer call() {
        if (tflite.isBlank()) {
            throw new SignDigitsException("Name the file to import with --tflite FILE, e.g. --tflite "
                    + "../shared/pretrained/mobilenet_v1_1.0_224_quant_embedding_extractor.tflite.");
        }
        NativeSetup.beforeFirstDjlCall();
        Path file = Path.of(tflite);
        BackboneImporter.Result result = BackboneImporter.importFile(file, modelsDir, name);
        BackboneMetadata m = result.metadata();
        ModelSummary summary = result.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Imported %s (%s, width %s, %dx%d input, %s) from %s%n", m.name(), m.architecture(),
                m.width(), m.inputSize(), m.inputSize(),
                m.isFeatureExtractor() ? m.featureChannels() + "-d feature extractor" : m.numClasses() + " classes",
                file.getFileName());
        out.printf(Locale.ROOT, "  %d layers, %,d parameters; input RGB (p - %s) / %s%n", m.layers().size(),
                summary.totalParameters(), m.preprocessing().mean(), m.preprocessing().std());
        out.printf("  written to %s%n", result.directory());
        out.flush();
        return 0;
    }
}
