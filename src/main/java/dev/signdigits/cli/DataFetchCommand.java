package dev.signdigits.cli;

import dev.signdigits.data.fetch.DatasetFetcher;
import dev.signdigits.data.fetch.FetchOptions;
import dev.signdigits.data.fetch.FetchResult;
import dev.signdigits.io.Downloader;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signdigits data fetch}: make the dataset available at --data-dir. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Make the dataset available at --data-dir: keep a valid copy that is already there,"
                + " else copy the offline mirror, else download and unpack the public archive."})
final class DataFetchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--data-dir", defaultValue = "data/raw/sign-language-digits", paramLabel = "DIR",
            description = "Dataset folder (one sub-folder per digit 0-9). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--mirror-dir", defaultValue = "${env:SIGNDIGITS_HOME:-.}/../shared/datasets/sign-language-digits",
            paramLabel = "DIR", description = "Offline copy of the dataset to use when --data-dir is missing. Default: ${DEFAULT-VALUE}.")
    Path mirrorDir;

    @Option(names = "--dataset-url", paramLabel = "URL",
            defaultValue = "https://github.com/ardamavi/Sign-Language-Digits-Dataset/archive/refs/heads/master.zip",
            description = "Zip archive to download when there is neither a local copy nor a mirror. Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--dataset-sha256", defaultValue = "", paramLabel = "HEX",
            description = "Expected SHA-256 of the downloaded archive; empty skips the check.")
    String sha256;

    @Override
    public Integer call() {
        FetchResult result = new DatasetFetcher(new Downloader())
                .ensureAvailable(new FetchOptions(dataDir, mirrorDir.normalize(), url, sha256));
        String how = switch (result.source()) {
            case EXISTING -> "already there";
            case MIRROR -> "copied from the offline mirror " + result.from();
            case DOWNLOAD -> "downloaded from " + result.from();
        };
        var out = spec.commandLine().getOut();
        out.printf("Dataset ready at %s: %d photos in %d classes (%s).%n",
                dataDir, result.index().size(), result.index().labels().size(), how);
        out.flush();
        return 0;
    }
}
