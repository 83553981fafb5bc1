package dev.signdigits.spark;

import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandModels;
import dev.signdigits.hand.Refinement;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.ModelInfo;
import java.nio.file.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * The MediaPipe files a model trained with the hand locator needs, and how they reach the
 * executors: the driver finds verified copies (as every command does, or in {@code --hand-models})
 * and ships them with {@link SparkContext#addFile} beside the model, so a task opens the model's
 * framing from its SparkFiles directory and never looks for, or downloads, anything itself.
 * Whether the locator runs is what the model records ({@link HandFramingSpec#fromProperties}).
 */
final class HandModelFiles {
    private HandModelFiles() {}

    /**
     * On the driver: the framing the model records; when it locates hands, its two files are
     * shipped (three when it refines landmarks with the full landmark model). A missing or damaged
     * file fails here, before any photo is read (exit code 3).
     *
     * @param handModelsDir the one local directory to take the files from, or null for the usual search
     */
    static HandFramingSpec ship(SparkContext spark, ModelInfo model, String handModelsDir) {
        HandFramingSpec spec = HandFramingSpec.fromProperties(model.properties(), "model " + model.id());
        if (spec.on()) {
            HandModels.ModelPaths files = handModelsDir == null
                    ? HandModels.locate(HandFraming.DEFAULT_MODELS_DIR, spec.variant(), spec.settings().refinement())
                    : HandModels.inDirectory(Path.of(handModelsDir), spec.variant());
            spark.addFile(files.palmDetector().toAbsolutePath().toString());
            spark.addFile(files.landmarks().toAbsolutePath().toString());
            if (spec.settings().refinement() != Refinement.NONE && !files.refiner().equals(files.landmarks())) {
                spark.addFile(files.refiner().toAbsolutePath().toString());  // the full landmark model it re-reads with
            }
        }
        return spec;
    }

    /**
     * The framing {@code classifier}'s model must be read with, its hand model files (if any) from
     * this node's SparkFiles directory; on the driver after {@link #ship}, or in a task. The caller
     * closes it.
     */
    static HandFraming open(DigitClassifier classifier) {
        return PhotoPredictor.framingOf(classifier, Path.of(SparkFiles.getRootDirectory()));
    }
}
