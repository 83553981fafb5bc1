package dev.signdigits.model.backbone;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Sha256;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ImageNet backbones signdigits knows by name, and {@link #ensureImported} so that training
 * works on a fresh clone with no arguments. A .tflite file is looked for, in order: a local copy
 * in {@code <models>/raw/}, the offline mirror {@code ${SIGNDIGITS_HOME:-.}/../shared/pretrained/},
 * then the public URL; every copy must have the SHA-256 recorded here.
 */
public final class PretrainedBackbones {
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedBackbones.class);

    /** The backbone training uses unless told otherwise. */
    public static final String DEFAULT = "mobilenet_v1_1.0_224";
    public static final String BASE_URL = "https://raw.githubusercontent.com/google-coral/test_data/master/";

    /** A known backbone: its source file and that file's SHA-256. */
    public record Source(String file, String sha256) {
        public URI url() {
            return URI.create(BASE_URL + file);
        }
    }

    /** Where to look: the models root and the project home (its ../shared/pretrained is the mirror). */
    public record Locations(Path modelsDir, Path home) {
        public static Locations of(Path modelsDir) {
            String home = System.getenv("SIGNDIGITS_HOME");
            return new Locations(modelsDir, Path.of(home == null || home.isBlank() ? "." : home));
        }

        public Path mirror() {
            return home.resolve("..").resolve("shared").resolve("pretrained");
        }
    }

    private static final Map<String, Source> CATALOG = catalog();

    private PretrainedBackbones() {}

    private static Map<String, Source> catalog() {
        Map<String, Source> known = new LinkedHashMap<>();
        known.put(DEFAULT, new Source("mobilenet_v1_1.0_224_quant_embedding_extractor.tflite",
                "f409ef4f73fcbb9667841965623c5c8524aac33d41b9bf5f3667161fb4a76319"));
        known.put("mobilenet_v1_0.75_192", new Source("mobilenet_v1_0.75_192_quant.tflite",
                "41daeb22fdcf947e0e5ec32373aa9df7c31f3ef45dbd0ef7b5940fbce3c20f6a"));
        known.put("mobilenet_v1_0.5_160", new Source("mobilenet_v1_0.5_160_quant.tflite",
                "3cc6d2ca460abd2e0f699a6d0d2550c6b61c6e3b0e27a3616e384ea74cb86f43"));
        known.put("mobilenet_v1_0.25_128", new Source("mobilenet_v1_0.25_128_quant.tflite",
                "cb273c23ee76374b05b9583177e28aa19744858a7679c56a250e83d0333da785"));
        known.put("mobilenet_v2_1.0_224", new Source("mobilenet_v2_1.0_224_quant.tflite",
                "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776"));
        return Map.copyOf(known);
    }

    /** Known names to their source files. */
    public static Map<String, Source> catalogue() {
        return CATALOG;
    }

    /** {@link #ensureImported(String, Locations, WeightsDownloader)} with SIGNDIGITS_HOME and HTTPS. */
    public static Path ensureImported(Path modelsDir, String name) {
        return ensureImported(name, Locations.of(modelsDir), WeightsDownloader.http());
    }

    /**
     * The directory {@code <models>/raw/<name>/} of an imported backbone, importing it first if it
     * is missing, damaged or from another source file. Names outside the catalogue must already
     * have been imported with {@code signdigits model import --name}.
     */
    public static Path ensureImported(String name, Locations where, WeightsDownloader downloader) {
        Path dir = BackboneImporter.rawDir(where.modelsDir()).resolve(name);
        Source source = CATALOG.get(name);
        if (isImported(dir, source)) {
            return dir;
        }
        if (source == null) {
            throw new SignDigitsException("Unknown backbone '" + name + "': " + dir + " holds no imported backbone and"
                    + " signdigits knows only " + CATALOG.keySet() + "; import yours with 'signdigits model import"
                    + " --tflite FILE --name " + name + "'.");
        }
        Path tflite = locate(source, where, downloader);
        LOG.info("Importing backbone {} from {}", name, tflite);
        return BackboneImporter.importFile(tflite, where.modelsDir(), name).directory();
    }

    /** A verified copy of the source file: local copy, then mirror, then download into the local copy. */
    static Path locate(Source source, Locations where, WeightsDownloader downloader) {
        Path local = BackboneImporter.rawDir(where.modelsDir()).resolve(source.file());
        if (hasChecksum(local, source)) {
            return local;
        }
        Path mirror = where.mirror().resolve(source.file());
        if (hasChecksum(mirror, source)) {
            return mirror;
        }
        LOG.info("Downloading {} (no verified copy at {} or {})", source.url(), local, mirror);
        downloader.download(source.url(), local, source.sha256());
        if (!hasChecksum(local, source)) {
            throw new SignDigitsException("The download of " + source.url() + " left no file with SHA-256 "
                    + source.sha256() + " at " + local + "; delete it and try again.", SignDigitsException.ENVIRONMENT, null);
        }
        return local;
    }

    private static boolean isImported(Path dir, Source source) {
        if (!Files.isRegularFile(dir.resolve(BackboneMetadata.FILE))) {
            return false;
        }
        try {
            BackboneMetadata metadata = BackboneStore.readMetadata(dir);
            return source == null || source.sha256().equals(metadata.sourceSha256());
        } catch (SignDigitsException e) {
            LOG.warn("Re-importing {}: {}", dir, e.getMessage());
            return false;
        }
    }

    private static boolean hasChecksum(Path file, Source source) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (Sha256.of(file).equals(source.sha256())) {
            return true;
        }
        LOG.warn("Ignoring {}: its SHA-256 is not the expected {}", file, source.sha256());
        return false;
    }
}
