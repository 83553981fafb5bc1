package dev.signdigits.spark;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One small real model for every test in this JVM: trained by the real {@code signdigits train} on
 * the mirror data with the smallest backbone (MobileNet v1 0.25 at 128 px, a few epochs, about a
 * minute), then exported to int8 TFLite and ONNX by {@code signdigits export}. Kept in
 * target/test-model and reused while it is newer than the CLI jar that made it. {@link #handInt8()}
 * is the same model trained with {@code --hand-locator auto} (on hand crops), exported to int8.
 */
final class TestModel {
    private static final Path DIR = CoreCli.ROOT.resolve("spark/target/test-model");
    private static final Path RUN = DIR.resolve("models/finetuned/latest");
    private static final Path HAND_DIR = CoreCli.ROOT.resolve("spark/target/test-model-hand");
    private static final Path HAND_RUN = HAND_DIR.resolve("models/finetuned/latest");
    /** The MediaPipe hand model files of the offline mirror. */
    static final Path HAND_MODELS = CoreCli.ROOT.resolveSibling("shared").resolve("pretrained/mediapipe-hands");
    private static boolean ready;
    private static boolean handReady;

    private TestModel() {}

    /**
     * The int8 TFLite export of the tiny model trained with the hand locator (every photo located
     * once: about a minute more than {@link #int8()}).
     */
    static synchronized Path handInt8() {
        Path file = HAND_RUN.resolve("model-int8.tflite");
        if (!handReady && !isCurrent(file)) {
            dev.signdigits.io.AtomicFiles.deleteRecursively(HAND_DIR);
            String data = CoreCli.DATASET.toString();
            CoreCli.succeed("train", "--data-dir", data, "--manifest", HAND_DIR.resolve("split.csv").toString(),
                    "--models-dir", HAND_DIR.resolve("models").toString(), "--backbone", "mobilenet_v1_0.25_128",
                    "--input-size", "128", "--epochs", "6", "--augment-copies", "2", "--seed", "3",
                    "--hand-locator", "auto");
            CoreCli.succeed("export", "--model", HAND_RUN.toString(), "--format", "tflite", "--quantize", "int8",
                    "--data-dir", data, "--calibration-images", "100");
        }
        handReady = true;
        return file;
    }

    /** The int8 TFLite export. */
    static synchronized Path int8() {
        ensure();
        return RUN.resolve("model-int8.tflite");
    }

    /** The float32 ONNX export of the same model. */
    static synchronized Path onnx() {
        ensure();
        return RUN.resolve("model.onnx");
    }

    /** The model directory holding both. */
    static synchronized Path directory() {
        ensure();
        return RUN;
    }

    private static void ensure() {
        if (ready) {
            return;
        }
        if (!isCurrent()) {
            dev.signdigits.io.AtomicFiles.deleteRecursively(DIR);
            String data = CoreCli.DATASET.toString();
            CoreCli.succeed("train", "--data-dir", data, "--manifest", DIR.resolve("split.csv").toString(),
                    "--models-dir", DIR.resolve("models").toString(), "--backbone", "mobilenet_v1_0.25_128",
                    "--input-size", "128", "--epochs", "6", "--augment-copies", "2", "--seed", "3", "--hand-locator", "off",
                    "--grayscale-share", "0");  // the same recipe as the core tests' TinyModel
            CoreCli.succeed("export", "--model", RUN.toString(), "--format", "tflite", "--quantize", "int8",
                    "--data-dir", data, "--calibration-images", "100");
            CoreCli.succeed("export", "--model", RUN.toString(), "--format", "onnx", "--data-dir", data);
        }
        ready = true;
    }

    private static boolean isCurrent() {
        return isCurrent(RUN.resolve("model.onnx")) && Files.isRegularFile(RUN.resolve("model-int8.tflite"));
    }

    /** The file exists and is newer than the CLI jar that made it. */
    private static boolean isCurrent(Path file) {
        try {
            return Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(CoreCli.JAR)) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
