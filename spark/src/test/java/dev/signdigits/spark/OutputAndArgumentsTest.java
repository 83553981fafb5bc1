package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user sees around the job: existing outputs, the runtime choice, and one-sentence errors. */
class OutputAndArgumentsTest {
    @TempDir
    Path tmp;

    @Test
    void existingOutputIsKeptUnlessOverwriteThenReplacedWholeByOnnxRun() throws IOException {
        Path photos = tmp.resolve("photos");
        List<Path> inputs = TestPhotos.create(photos, 3);
        Path output = tmp.resolve("predictions");
        Batch.Outcome first = Batch.run("--model", TestModel.directory().toString(), "--input", photos + "/*/*",
                "--output", output.toString(), "--master", "local[2]");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("(tflite-int8)", "Wrote " + inputs.size() + " rows");
        Map<Path, FileTime> before = listing(output);

        Batch.Outcome refused = Batch.run("--model", TestModel.int8().toString(), "--input", photos.toString(),
                "--output", output.toString(), "--master", "local[2]");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).startsWith("error: --output ").contains("already exists", "--overwrite")
                .doesNotContain("Exception", "\tat ");
        assertThat(listing(output)).isEqualTo(before);

        Batch.Outcome replaced = Batch.run("--model", TestModel.onnx().toString(), "--input", photos.toString(),
                "--output", output.toString(), "--master", "local[2]", "--overwrite", "--top-k", "2");
        assertThat(replaced.exitCode()).as(replaced.stderr()).isZero();
        assertThat(replaced.stdout()).contains("(onnx)");
        List<Row> rows = OutputTable.read(output);
        assertThat(rows).hasSize(inputs.size());
        assertThat(rows).filteredOn(r -> r.getAs("error") == null)
                .allSatisfy(r -> assertThat(r.getList(r.fieldIndex("top_k"))).hasSize(2));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("no temporary output left behind")
                    .containsExactlyInAnyOrder("photos", "predictions");
        }
    }

    @Test
    void badArgumentsFailWithOneSentenceBeforeAnyWork() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path out = tmp.resolve("out");
        assertOneSentence(Batch.run("--model", tmp.resolve("missing.tflite").toString(), "--input", photos.toString(),
                "--output", out.toString()), "missing.tflite does not exist");
        assertOneSentence(Batch.run("--model", photos.toString(), "--input", photos.toString(), "--output", out.toString()),
                "does not contain", "signdigits export");
        assertOneSentence(Batch.run("--model", TestModel.int8().toString(), "--runtime", "djl", "--input", photos.toString(),
                "--output", out.toString()), "djl runtime is not available");
        assertOneSentence(Batch.run("--model", TestModel.int8().toString(), "--output", out.toString()), "--input is missing");
        assertOneSentence(Batch.run("--model", TestModel.int8().toString(), "--input", tmp.resolve("nowhere").toString(),
                "--output", out.toString(), "--master", "local[1]"), "matches no file");
        Files.writeString(photos.resolve("readme.txt"), "no photos here");
        assertOneSentence(Batch.run("--model", TestModel.int8().toString(), "--input", photos.toString(),
                "--output", out.toString(), "--master", "local[1]"), "holds no photos");
        assertThat(out).doesNotExist();
    }

    private static void assertOneSentence(Batch.Outcome outcome, String... fragments) {
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("error: ").contains(fragments).doesNotContain("\tat ");
        assertThat(outcome.stderr().strip().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
    }

    private static Map<Path, FileTime> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.collect(Collectors.toMap(p -> p, p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}
