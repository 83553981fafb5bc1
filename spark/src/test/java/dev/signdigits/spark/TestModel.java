package dev.signdigits.spark;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One small real model for every test in this JVM: trained by the real {@code signdigits train} on
 * the mirror data with the smallest backbone (MobileNet v1 0.25 at 128 px, a few epochs, about a
 * minute), then exported to int8 TFLite and ONNX by {@code signdigits export}. Kept in
 * target/test-model and reused while it is newer than the CLI jar that made it.
 */
final class TestModel {
    private static final Path DIR = CoreCli.ROOT.resolve("spark/target/test-model");
    private static final Path RUN = DIR.resolve("models/finetuned/latest");
    private static boolean ready;

    private TestModel() {}

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
                    "--input-size", "128", "--epochs", "6", "--augment-copies", "2", "--seed", "3");
            CoreCli.succeed("export", "--model", RUN.toString(), "--format", "tflite", "--quantize", "int8",
                    "--data-dir", data, "--calibration-images", "100");
            CoreCli.succeed("export", "--model", RUN.toString(), "--format", "onnx", "--data-dir", data);
        }
        ready = true;
    }

    private static boolean isCurrent() {
        try {
            Path onnx = RUN.resolve("model.onnx");
            return Files.isRegularFile(onnx) && Files.isRegularFile(RUN.resolve("model-int8.tflite"))
                    && Files.getLastModifiedTime(onnx).compareTo(Files.getLastModifiedTime(CoreCli.JAR)) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
