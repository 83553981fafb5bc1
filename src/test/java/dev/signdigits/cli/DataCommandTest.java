package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signdigits.config.DotEnv;
import dev.signdigits.config.EnvironmentDefaults;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    private static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = Main.newCommandLine(new EnvironmentDefaults(env, DotEnv.empty()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void statsOnAMissingDirectoryIsOneSentenceWithoutStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-data");
        int code = run("data", "stats", "--data-dir", missing.toString());

        assertThat(code).isNotZero();
        String message = err.toString().strip();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("error: ").contains(missing.toString()).contains("data fetch").endsWith(".")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void fetchThenSplitThenStatsAsJson(@TempDir Path dir) throws Exception {
        Path mirror = smallMirror(dir.resolve("mirror"));
        Path data = dir.resolve("data/raw/digits");
        Path manifest = dir.resolve("data/processed/split.csv");

        assertThat(run("data", "fetch", "--data-dir", data.toString(), "--mirror-dir", mirror.toString())).isZero();
        assertThat(out.toString()).contains("copied from the offline mirror").contains("9 photos in 3 classes");

        assertThat(run(Map.of("SIGNDIGITS_SEED", "7"), "data", "split", "--data-dir", data.toString(),
                "--manifest", manifest.toString())).isZero();
        assertThat(Files.readString(manifest)).contains("# seed: 7").contains("# grouped: true");
        assertThat(out.toString()).contains("Wrote " + manifest).contains("no group is in two splits");

        Files.writeString(data.resolve("2/broken.jpg"), "not really a photo");
        out.getBuffer().setLength(0);
        assertThat(run("data", "stats", "--json", "--data-dir", data.toString(), "--manifest", manifest.toString())).isZero();
        JsonNode stats = new ObjectMapper().readTree(out.toString());
        assertThat(stats.get("images").asInt()).isEqualTo(10);
        assertThat(stats.get("perClass").get("2").asInt()).isEqualTo(4);
        assertThat(stats.get("manifestMatchesDataset").asBoolean()).isFalse(); // broken.jpg arrived after the split
        assertThat(stats.get("sizes").get("100x100").asInt()).isEqualTo(9);
        assertThat(stats.get("unreadable")).hasSize(1);
        assertThat(stats.get("unreadable").get(0).get("file").asText()).isEqualTo("2/broken.jpg");
        assertThat(stats.get("unreadable").get(0).get("reason").asText()).isEqualTo("CORRUPT");
        int inSplits = 0;
        for (JsonNode split : List.of(stats.get("perSplit").get("train"), stats.get("perSplit").get("val"), stats.get("perSplit").get("test"))) {
            for (JsonNode count : split) {
                inSplits += count.asInt();
            }
        }
        assertThat(inSplits).isEqualTo(9);
    }

    @Test
    void previewWritesALabelledGrid(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("docs/preview.png");
        assertThat(run("data", "preview", "--data-dir", MIRROR.toString(), "--preview-out", png.toString(), "--tile-size", "64")).isZero();

        BufferedImage grid = ImageIO.read(png.toFile());
        assertThat(grid.getWidth()).isGreaterThan(5 * 64).isLessThan(5 * 64 + 200);
        assertThat(grid.getHeight()).isGreaterThan(2 * 64).isLessThan(2 * 64 + 250);
        assertThat(out.toString()).contains("Wrote " + png);
    }

    @Test
    void badValuesAreRejectedClearly(@TempDir Path dir) {
        int code = run("data", "split", "--data-dir", MIRROR.toString(), "--manifest", dir.resolve("s.csv").toString(),
                "--train-fraction", "0.9");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: ").contains("sum to 1").doesNotContain("\tat ");
        assertThat(dir.resolve("s.csv")).doesNotExist();
    }

    /** Three classes of three real photos, with a groups file of three sessions. */
    private static Path smallMirror(Path root) throws Exception {
        StringBuilder groups = new StringBuilder("file,label,group\n");
        for (int label = 0; label < 3; label++) {
            Files.createDirectories(root.resolve(Integer.toString(label)));
            try (var photos = Files.list(MIRROR.resolve(Integer.toString(label)))) {
                List<Path> three = photos.filter(p -> p.toFile().length() < 100_000).sorted().limit(3).toList();
                for (int i = 0; i < three.size(); i++) {
                    String name = label + "/" + three.get(i).getFileName();
                    Files.copy(three.get(i), root.resolve(name));
                    groups.append(name).append(',').append(label).append(",session").append(i).append('\n');
                }
            }
        }
        Files.writeString(root.resolve("groups.csv"), groups);
        return root;
    }
}
