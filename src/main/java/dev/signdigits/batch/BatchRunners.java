package dev.signdigits.batch;

import dev.signdigits.SignDigitsException;
import java.util.ServiceLoader;

/** Finds the batch engine on the class path. */
public final class BatchRunners {
    private BatchRunners() {}

    /** The one installed runner, or a clear error saying how to get one. */
    public static BatchRunner find() {
        return ServiceLoader.load(BatchRunner.class).findFirst().orElseThrow(() -> new SignDigitsException(
                "batch runs on Apache Spark, which this jar leaves out: run it with the launcher './signdigits batch ...'"
                        + " (it builds the spark/ module) or submit spark/target/signdigits-spark-app.jar with spark-submit"
                        + " (see docs/batch.md).", SignDigitsException.ENVIRONMENT, null));
    }
}
