package dev.signdigits.spark;

import dev.signdigits.SignDigitsException;
import dev.signdigits.batch.BatchJob;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * The exported model a job predicts with, and how it reaches the executors: the driver resolves
 * {@code --model} and {@code --runtime} to one file, ships it with {@link SparkContext#addFile},
 * and every partition opens its own copy from {@link SparkFiles}. Serializable: tasks carry it.
 *
 * @param location a local absolute path or a URI the cluster reads (hdfs://, s3a://, ...)
 * @param runtime  a runtime name {@link DigitClassifiers} opens an exported file with
 */
record ModelFile(String location, String runtime) implements Serializable {
    /** A URI with a scheme (hdfs:, s3a:, gs:, ...); one letter would be a drive, not a scheme. */
    private static final Pattern REMOTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** Resolves the job's model and runtime; a clear error for anything batch cannot run. */
    static ModelFile resolve(String model, String runtime) {
        if (runtime.equals("djl")) {
            throw new SignDigitsException("batch runs exported models without PyTorch, so the djl runtime is not available:"
                    + " export the model ('signdigits export --quantize int8') and use tflite-int8, tflite or onnx.");
        }
        if (REMOTE.matcher(model).matches() && !model.startsWith("file:")) {
            return new ModelFile(model, runtime.equals(BatchJob.AUTO_RUNTIME) ? byExtension(model) : runtime);
        }
        Path path = model.startsWith("file:") ? Path.of(URI.create(model)) : Path.of(model);
        String chosen = !runtime.equals(BatchJob.AUTO_RUNTIME) ? runtime
                : Files.isDirectory(path) ? "tflite-int8" : byExtension(model);
        Path file = DigitClassifiers.modelFile(chosen, path);
        return new ModelFile(file.toAbsolutePath().normalize().toString(), chosen);
    }

    private static String byExtension(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tflite")) {
            return "tflite";
        }
        if (name.endsWith(".onnx")) {
            return "onnx";
        }
        throw new SignDigitsException("Cannot tell the runtime of --model " + model + " from its name: pass an exported"
                + " .tflite or .onnx file, or name the runtime with --runtime.");
    }

    /** The file's name among the files Spark ships. */
    String fileName() {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Ships the file to every node of the job (and to the driver's own SparkFiles directory). */
    void ship(SparkContext spark) {
        spark.addFile(location);
    }

    /** Opens the shipped copy; on the driver (to check it and read its id) or in a task. */
    DigitClassifier open(int threads) {
        return DigitClassifiers.open(runtime, Path.of(SparkFiles.get(fileName())), threads);
    }
}
