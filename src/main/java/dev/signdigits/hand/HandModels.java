package dev.signdigits.hand;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.Downloader;
import dev.signdigits.io.Sha256;
import dev.signdigits.model.backbone.WeightsDownloader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MediaPipe hand model files, found like the ImageNet weights: a verified local copy in
 * {@code <models>/raw/mediapipe-hands/}, then the offline mirror
 * {@code ${SIGNDIGITS_HOME:-.}/../shared/pretrained/mediapipe-hands/}, then a download from
 * MediaPipe's public model bucket into the local copy. Every copy must have the SHA-256 pinned
 * here (the same bytes MediaPipe pins in its {@code third_party/external_files.bzl}); a copy with
 * another checksum is ignored with a warning. When none can be had the error names the file and
 * how to get it, with the environment exit code.
 */
public final class HandModels {
    private static final Logger LOG = LoggerFactory.getLogger(HandModels.class);

    public static final String BASE_URL = "https://storage.googleapis.com/mediapipe-assets/";
    public static final String DIRECTORY = "mediapipe-hands";

    /** One pinned model file. */
    public record ModelFile(String file, String sha256) {
        public URI url() {
            return URI.create(BASE_URL + file);
        }
    }

    public static final ModelFile PALM_FULL = new ModelFile("palm_detection_full.tflite",
            "2f25e740121983f68ffc05f99991d524dc0ea812134f6316a26125816941ee85");
    public static final ModelFile PALM_LITE = new ModelFile("palm_detection_lite.tflite",
            "e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18");
    public static final ModelFile LANDMARK_FULL = new ModelFile("hand_landmark_full.tflite",
            "8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68");
    public static final ModelFile LANDMARK_LITE = new ModelFile("hand_landmark_lite.tflite",
            "d7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48");

    /** MediaPipe's two model complexities; each names a palm detector and a landmark model. */
    public enum Variant {
        FULL(PALM_FULL, LANDMARK_FULL),
        LITE(PALM_LITE, LANDMARK_LITE);

        private final ModelFile palm;
        private final ModelFile landmarks;

        Variant(ModelFile palm, ModelFile landmarks) {
            this.palm = palm;
            this.landmarks = landmarks;
        }

        public ModelFile palm() {
            return palm;
        }

        public ModelFile landmarks() {
            return landmarks;
        }

        /** "full" or "lite" to {@link Variant}; anything else is a user error naming the value. */
        public static Variant parse(String name) {
            for (Variant v : values()) {
                if (v.name().equalsIgnoreCase(name.strip())) {
                    return v;
                }
            }
            throw new SignDigitsException("Unknown hand model variant '" + name + "': use full or lite.");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Verified copies of both files of a variant, and of the full landmark model where a locator refines.
     *
     * @param refiner the full landmark model, for {@link Refinement} (the landmarks file itself for
     *                the full variant); null where it is not at hand (an explicit directory without it)
     */
    public record ModelPaths(Variant variant, Path palmDetector, Path landmarks, Path refiner) {
        /** Without the refinement model. */
        public ModelPaths(Variant variant, Path palmDetector, Path landmarks) {
            this(variant, palmDetector, landmarks, variant == Variant.FULL ? landmarks : null);
        }

        /** The refinement model's file; a clear error when this set of files lacks it. */
        @Override
        public Path refiner() {
            if (refiner == null) {
                throw new SignDigitsException("Landmark refinement needs " + LANDMARK_FULL.file() + " beside "
                        + landmarks.getFileName() + " (at " + landmarks.resolveSibling(LANDMARK_FULL.file()) + "); copy it from "
                        + LANDMARK_FULL.url() + ".", SignDigitsException.ENVIRONMENT, null);
            }
            return refiner;
        }
    }

    /** Where to look: the models root (local copies under raw/) and the project home (its ../shared is the mirror). */
    public record Locations(Path modelsDir, Path home) {
        public static Locations of(Path modelsDir) {
            String home = System.getenv("SIGNDIGITS_HOME");
            return new Locations(modelsDir, Path.of(home == null || home.isBlank() ? "." : home));
        }

        public Path local(ModelFile model) {
            return modelsDir.resolve("raw").resolve(DIRECTORY).resolve(model.file());
        }

        public Path mirror(ModelFile model) {
            return home.resolve("..").resolve("shared").resolve("pretrained").resolve(DIRECTORY).resolve(model.file());
        }
    }

    private HandModels() {}

    /**
     * Both files of {@code variant}, and the full landmark model when {@code refinement} needs it, with
     * SIGNDIGITS_HOME and the project's HTTPS downloader: a model that does not refine never asks for it.
     */
    public static ModelPaths locate(Path modelsDir, Variant variant, Refinement refinement) {
        return locate(variant, Locations.of(modelsDir), defaultDownloader(), refinement);
    }

    /** Both files of {@code variant} and the full landmark model (everything any locator of the variant may need). */
    public static ModelPaths locate(Variant variant, Locations where, WeightsDownloader downloader) {
        return locate(variant, where, downloader, Refinement.FULL);
    }

    public static ModelPaths locate(Variant variant, Locations where, WeightsDownloader downloader, Refinement refinement) {
        Path palm = locate(variant.palm(), where, downloader);
        Path landmarks = locate(variant.landmarks(), where, downloader);
        Path refiner = variant == Variant.FULL ? landmarks
                : refinement == Refinement.NONE ? null : locate(LANDMARK_FULL, where, downloader);
        return new ModelPaths(variant, palm, landmarks, refiner);
    }

    /** A verified copy of {@code model}: local copy, then mirror, then a download into the local copy. */
    public static Path locate(ModelFile model, Locations where, WeightsDownloader downloader) {
        Path local = where.local(model);
        if (hasChecksum(local, model)) {
            return local;
        }
        Path mirror = where.mirror(model);
        if (hasChecksum(mirror, model)) {
            return mirror;
        }
        LOG.info("Downloading {} (no verified copy at {} or {})", model.url(), local, mirror);
        try {
            downloader.download(model.url(), local, model.sha256());
        } catch (SignDigitsException e) {
            throw new SignDigitsException("Hand model " + model.file() + " is missing: no copy with SHA-256 " + model.sha256()
                    + " at " + local + " or " + mirror + ", and the download failed (" + e.getMessage() + "); copy the file"
                    + " from " + model.url() + " to " + local + ".", SignDigitsException.ENVIRONMENT, e);
        }
        if (!hasChecksum(local, model)) {
            throw new SignDigitsException("The download of " + model.url() + " left no file with SHA-256 " + model.sha256()
                    + " at " + local + "; delete it and try again.", SignDigitsException.ENVIRONMENT, null);
        }
        return local;
    }

    /**
     * Both files of {@code variant} (and the full landmark model when it is there) from {@code dir} alone (an explicit {@code --hand-models}
     * directory: no mirror, no download). A missing file or one with another checksum is an
     * environment error (exit code 3) naming the file.
     */
    public static ModelPaths inDirectory(Path dir, Variant variant) {
        Path palm = verified(dir, variant.palm());
        Path landmarks = verified(dir, variant.landmarks());
        Path full = variant == Variant.FULL ? landmarks
                : Files.isRegularFile(dir.resolve(LANDMARK_FULL.file())) ? verified(dir, LANDMARK_FULL) : null;
        return new ModelPaths(variant, palm, landmarks, full);
    }

    private static Path verified(Path dir, ModelFile model) {
        Path file = dir.resolve(model.file());
        if (!Files.isRegularFile(file)) {
            throw new SignDigitsException("Hand model file " + file + " is missing; copy " + model.file() + " from "
                    + model.url() + " there.", SignDigitsException.ENVIRONMENT, null);
        }
        String actual = Sha256.of(file);
        if (!actual.equals(model.sha256())) {
            throw new SignDigitsException("Hand model file " + file + " is damaged or another version (SHA-256 " + actual
                    + ", expected " + model.sha256() + "); copy it again from " + model.url() + ".",
                    SignDigitsException.ENVIRONMENT, null);
        }
        return file;
    }

    /** What to tell a user whose copy of {@code file} will not load. */
    static String fixHint(Path file) {
        return "delete it and run again to fetch a verified copy, or copy " + file.getFileName() + " from " + BASE_URL
                + file.getFileName() + " to models/raw/" + DIRECTORY + "/.";
    }

    private static WeightsDownloader defaultDownloader() {
        return (url, target, sha256) -> new Downloader().download(url, target, sha256);
    }

    private static boolean hasChecksum(Path file, ModelFile model) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (Sha256.of(file).equals(model.sha256())) {
            return true;
        }
        LOG.warn("Ignoring {}: its SHA-256 is not the expected {}", file, model.sha256());
        return false;
    }
}
