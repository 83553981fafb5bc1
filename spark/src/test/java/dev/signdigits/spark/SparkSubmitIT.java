package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application jar as a cluster runs it: Spark's own {@code SparkSubmit} (what the
 * spark-submit script starts) in a child JVM whose class path holds Spark's jars only, submitting
 * target/signdigits-spark-app.jar on local[2]. Catches what only packaging can break: shading,
 * relocation, service files, native libraries. Runs after {@code package} (failsafe).
 */
class SparkSubmitIT {
    private static final List<String> OURS = List.of("/dev/signdigits/", "picocli", "tensorflow-lite", "/javacpp/",
            "onnxruntime", "twelvemonkeys", "junit", "assertj", "opentest4j", "apiguardian", "surefire", "failsafe");

    @TempDir
    Path tmp;

    @Test
    void appJarRunsUnderSparkSubmitWithSparksJarsAlone() throws Exception {
        Path photos = tmp.resolve("photos");
        List<Path> inputs = TestPhotos.create(photos, 2);
        Path output = tmp.resolve("out");

        String printed = submit("--model", TestModel.directory().toString(), "--input", photos.toString(), "--output",
                output.toString());

        assertThat(printed).contains("Wrote " + inputs.size() + " rows", "(tflite-int8)");
        List<Row> rows = OutputTable.read(output);
        assertThat(rows).hasSize(inputs.size());
        assertThat(rows).filteredOn(r -> r.getAs("error") != null).hasSize(TestPhotos.BAD.size());
    }

    @Test
    void aHandLocatorModelRunsItsLocatorFromTheAppJarWithTheShippedHandModels() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path hand = TestPhotos.create(tmp.resolve("all"), 1).get(7);
        Files.copy(hand, photos.resolve("hand.jpg"));
        Files.copy(HandLocatorBatchTest.NO_HAND, photos.resolve("owl.jpg"));
        Path output = tmp.resolve("out");

        String printed = submit("--model", TestModel.handInt8().toString(), "--input", photos.toString(), "--output",
                output.toString(), "--hand-models", TestModel.HAND_MODELS.toString());

        assertThat(printed).contains("Wrote 2 rows", "1 predicted, 1 without a hand", "hand locator lite");
        List<Row> rows = OutputTable.read(output);
        assertThat(rows).filteredOn(r -> OutputTable.file(r).endsWith("hand.jpg")).singleElement()
                .satisfies(r -> assertThat(r.<Boolean>getAs("hand_found")).isTrue())
                .satisfies(r -> assertThat(r.getList(r.fieldIndex("hand_box"))).hasSize(4));
        assertThat(rows).filteredOn(r -> OutputTable.file(r).endsWith("owl.jpg")).singleElement()
                .satisfies(r -> assertThat(r.<Boolean>getAs("hand_found")).isFalse())
                .satisfies(r -> assertThat(r.<String>getAs("reason")).isNotBlank());
    }

    /** Submits the application jar on local[2] with these batch arguments; returns what it printed (exit code 0). */
    private String submit(String... batchArgs) throws Exception {
        Path appJar = CoreCli.ROOT.resolve("spark/target/signdigits-spark-app.jar");
        assertThat(appJar).isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "@" + CoreCli.ROOT.resolve("spark/jvm.args"), "-cp", sparkOnlyClassPath(),
                "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--class", SparkBatchMain.class.getName(), appJar.toString()));
        command.addAll(List.of(batchArgs));
        Path log = tmp.resolve("submit.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }

    /** This JVM's class path less signdigits, its libraries and the test tools: what a Spark installation has. */
    private static String sparkOnlyClassPath() {
        String target = CoreCli.ROOT.resolve("spark/target").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.startsWith(target) && OURS.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).contains("spark-core_").doesNotContain("signdigits");
        return classPath;
    }
}
