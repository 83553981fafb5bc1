package dev.signdigits.cli;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.split.GroupsFile;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitFractions;
import dev.signdigits.data.split.SplitPlan;
import dev.signdigits.data.split.SplitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits data split}: write the train/val/test manifest. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Write a deterministic, seeded, stratified train/val/test split manifest.",
            "With a groups file (file,label,group) no group is in two splits, so test accuracy is measured on unseen people."})
final class DataSplitCommand implements Callable<Integer> {
    private static final String AUTO = "";
    private static final String NONE = "none";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits", paramLabel = "DIR",
            description = "Dataset folder (one sub-folder per digit 0-9). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--manifest", defaultValue = "data/processed/split.csv", paramLabel = "FILE",
            description = "Split manifest to write. Default: ${DEFAULT-VALUE}.")
    Path manifest;

    @Option(names = "--groups", defaultValue = AUTO, paramLabel = "FILE",
            description = "Groups file (file,label,group); empty means <data-dir>/groups.csv if present, 'none' an ungrouped split.")
    String groups;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--train-fraction", defaultValue = "0.70", description = "Share of photos for training. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--val-fraction", defaultValue = "0.15", description = "Share of photos for validation. Default: ${DEFAULT-VALUE}.")
    double valFraction;

    @Option(names = "--test-fraction", defaultValue = "0.15", description = "Share of photos for the test. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Override
    public Integer call() {
        SplitFractions fractions = new SplitFractions(trainFraction, valFraction, testFraction);
        DatasetIndex index = ImageFolder.scan(dataDir);
        Path groupsFile = groupsFile();
        SplitPlan plan = SplitPlanner.plan(index, groupsFile == null ? null : GroupsFile.read(groupsFile), fractions, seed);
        plan.manifest().write(manifest);

        var counts = plan.manifest().counts();
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote %s: train %d, val %d, test %d photos (%s, seed %d, %s).%n", manifest,
                counts.get(Split.TRAIN), counts.get(Split.VAL), counts.get(Split.TEST),
                groupsFile == null ? "stratified by class, ungrouped" : "grouped by " + groupsFile, seed, fractions);
        out.print(plan.summary().toText());
        out.flush();
        return 0;
    }

    private Path groupsFile() {
        if (groups.equalsIgnoreCase(NONE)) {
            return null;
        }
        if (groups.isBlank()) {
            Path auto = dataDir.resolve(GroupsFile.FILE_NAME);
            return Files.isRegularFile(auto) ? auto : null;
        }
        Path explicit = Path.of(groups);
        if (!Files.isRegularFile(explicit)) {
            throw new SignDigitsException("Groups file " + explicit + " does not exist: fix --groups, or pass --groups none.");
        }
        return explicit;
    }
}
