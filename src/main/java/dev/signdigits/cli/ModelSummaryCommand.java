package dev.signdigits.cli;

import ai.djl.ndarray.NDManager;
import dev.signdigits.model.backbone.BackboneMetadata;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.ModelSummary;
import dev.signdigits.model.backbone.PretrainedBackbones;
import dev.signdigits.system.NativeSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits model summary}: layers, output shapes and parameter counts of an imported backbone. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print layers, output shapes, parameter counts and trainable/frozen totals of an imported backbone.")
public final class ModelSummaryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backbone-dir", defaultValue = "",
            description = "Backbone directory made by 'model import' (default: <models-dir>/raw/<backbone>, imported if missing).")
    String model;

    @Option(names = "--backbone", defaultValue = PretrainedBackbones.DEFAULT,
            description = "Imported ImageNet backbone under <models-dir>/raw (imported automatically if missing).")
    String backbone;

    @Option(names = "--models-dir", defaultValue = "models",
            description = "Root of raw (imported) and finetuned models.")
    Path modelsDir;

    @Override
    public Integer call() {
        NativeSetup.beforeFirstDjlCall();
        Path dir = model.isBlank() ? PretrainedBackbones.ensureImported(modelsDir, backbone) : Path.of(model);
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportedBackbone loaded = ImportedBackbone.load(dir, manager);
            BackboneMetadata m = loaded.metadata();
            ModelSummary summary = ModelSummary.of(loaded.layers(), loaded.spec().inputShape(1));
            out.printf("%s: %s width %s, input %dx%d, from %s (imported %s)%n", dir, m.architecture(), m.width(),
                    m.inputSize(), m.inputSize(), m.sourceFile(), m.importedAt());
            out.print(summary.render());
        }
        out.flush();
        return 0;
    }
}
