package dev.signdigits.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Spark session a batch job runs in. */
final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
    static final String APP_JAR = "signdigits-spark-app.jar";

    private SparkSessions() {}

    /**
     * A session on {@code master}; an empty master keeps the one spark-submit set, else local[*].
     * Everything else comes from spark-submit's {@code --conf} or {@code spark.*} system properties.
     */
    static SparkSession start(String master) {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.app.name", "signdigits batch");
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else {
            conf.setIfMissing("spark.master", "local[*]");
        }
        if (!conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
            // Started by ./signdigits batch rather than spark-submit: the executors need our classes too.
            applicationJar().ifPresentOrElse(jar -> conf.set("spark.jars", jar.toString()),
                    () -> LOG.warn("{} not found next to this jar: executors of {} may miss signdigits' classes;"
                            + " build it with 'mvn -B verify' or use spark-submit.", APP_JAR, conf.get("spark.master")));
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** The spark-submit application jar, if this code runs from it or from the jar built beside it. */
    private static Optional<Path> applicationJar() {
        try {
            Path here = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path app = here.getFileName().toString().equals(APP_JAR) ? here : here.resolveSibling(APP_JAR);
            return Files.isRegularFile(app) ? Optional.of(app) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
