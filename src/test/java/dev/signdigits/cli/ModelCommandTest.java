package dev.signdigits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.SignDigitsException;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {
    private static final Path V1_QUARTER = Path.of("..", "shared", "pretrained", "mobilenet_v1_0.25_128_quant.tflite");

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.of(env, args);
    }

    private static long number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ": ([\\d,]+)").matcher(text);
        assertThat(m.find()).as(label + " in\n" + text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void importsThenSummarizes() {
        Path models = tmp.resolve("models");
        CliRun imported = run(Map.of(), "model", "import", "--tflite", V1_QUARTER.toString(), "--models-dir", models.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported mobilenet_v1_0.25_128 (mobilenet_v1, width 0.25, 128x128 input, 1001 classes)");
        Path dir = models.resolve("raw").resolve("mobilenet_v1_0.25_128");
        assertThat(dir.resolve("metadata.json")).isRegularFile();

        CliRun summary = run(Map.of(), "model", "summary", "--backbone-dir", dir.toString());

        assertThat(summary.exit()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("conv1 ", "conv_pad_2", "conv_pw_13_relu", "global_pool", "logits", "(1, 1001)");
        long total = number(summary.out(), "Total parameters");
        assertThat(number(summary.out(), "Trainable") + number(summary.out(), "Non-trainable (frozen or batch-norm running statistics)"))
                .isEqualTo(total);
    }

    @Test
    void importTakesTheModelsDirectoryAndNameFromTheEnvironment() {
        Path models = tmp.resolve("from-env");
        CliRun r = run(Map.of("SIGNDIGITS_MODELS_DIR", models.toString()), "model", "import", "--tflite", V1_QUARTER.toString(),
                "--name", "tiny-imagenet");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(models.resolve("raw/tiny-imagenet/parameters.params")).isRegularFile();
    }

    @Test
    void aFileThatIsNotTfliteIsOneClearLine() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.tflite"), "just some notes, not a model");

        CliRun r = run(Map.of(), "model", "import", "--tflite", text.toString(), "--models-dir", tmp.resolve("m").toString());

        assertThat(r.exit()).isEqualTo(SignDigitsException.BAD_INPUT);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: " + text + " is not a TFLite model");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void summaryOfADirectoryWithoutABackboneSaysWhatToDo() {
        CliRun r = run(Map.of(), "model", "summary", "--backbone-dir", tmp.resolve("nothing").toString());

        assertThat(r.exit()).isEqualTo(SignDigitsException.BAD_INPUT);
        assertThat(r.err()).contains("No backbone at").contains("signdigits model import --tflite FILE");
    }

    @Test
    void importRequiresAFile() {
        CliRun r = run(Map.of(), "model", "import");

        assertThat(r.exit()).isEqualTo(SignDigitsException.BAD_INPUT);
        assertThat(r.err()).startsWith("error: Name the file to import with --tflite FILE");
    }
}
