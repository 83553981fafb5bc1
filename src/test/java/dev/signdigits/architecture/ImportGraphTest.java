package dev.signdigits.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import graph of the product sources points down only: image and data, then the model
 * packages, the runtimes, predict, evaluation and training, the web service and batch, the command
 * line and the Java API. Read from the sources (imports and fully qualified names), so a new arrow
 * upward fails here with the file that draws it.
 */
class ImportGraphTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    /** Lowest first. A class may use its own layer's packages and any layer below. */
    static final List<List<String>> LAYERS = List.of(
            List.of("dev.signdigits#SignDigitsException", "io", "system", "progress", "config"),
            List.of("image"),
            List.of("data", "data.fetch", "data.split"),
            List.of("model"),
            List.of("model.store"),
            List.of("model.graph"),
            List.of("model.tflite", "model.onnx"),
            List.of("model.backbone"),
            List.of("runtime"),
            List.of("runtime.djl", "runtime.tflite", "runtime.onnx"),
            List.of("hand"),
            List.of("shape"),                       // the second opinion from the landmarks, and calibration
            List.of("data.hands", "data.report"),   // where the dataset meets the hand locator
            List.of("model.export"),
            List.of("predict"),
            List.of("eval"),
            List.of("eval.robustness"),            // the same photos changed, scored again
            List.of("report"),
            List.of("evaluate"),
            List.of("train"),
            List.of("web", "web.routes", "web.views", "batch"),
            List.of("cli", "dev.signdigits"));

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.signdigits(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

    @Test
    void noArrowPointsUp() {
        assertThat(upwardArrows(sources())).isEmpty();
    }

    @Test
    void everyPackageIsInALayerAndSaysWhatLivesThere() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        sources().forEach((file, text) -> packages.add(packageOf(text)));
        for (String pkg : packages) {
            assertThat(layerOf(pkg, "X")).as("layer of " + pkg).isGreaterThanOrEqualTo(0);
            Path info = MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            assertThat(info).as(pkg + " has a package-info.java").exists();
            assertThat(Files.readString(info)).as(info.toString()).contains("/**");
        }
    }

    @Test
    void theArchitectureImportsNoFileFormatAndNoRuntime() {
        sources().forEach((file, text) -> {
            if (packageOf(text).equals("dev.signdigits.model")) {
                assertThat(text).as(file).doesNotContain("dev.signdigits.model.tflite", "dev.signdigits.model.onnx",
                        "dev.signdigits.runtime", "org.bytedeco", "ai.onnxruntime");
            }
        });
    }

    @Test
    void theCheckSeesAnArrowUp() {
        Map<String, String> fake = Map.of(
                "model/Fake.java", "package dev.signdigits.model;\nimport dev.signdigits.web.WebApp;\nclass Fake {}\n",
                "web/Fine.java", "package dev.signdigits.web;\nimport dev.signdigits.model.MobileNets;\nclass Fine {}\n",
                "image/Inline.java", "package dev.signdigits.image;\nclass Inline { dev.signdigits.train.Adam a; }\n");
        assertThat(upwardArrows(fake)).containsExactlyInAnyOrder(
                "model/Fake.java: dev.signdigits.model -> dev.signdigits.web.WebApp",
                "image/Inline.java: dev.signdigits.image -> dev.signdigits.train.Adam");
    }

    static List<String> upwardArrows(Map<String, String> sources) {
        List<String> arrows = new ArrayList<>();
        sources.forEach((file, text) -> {
            String pkg = packageOf(text);
            String simple = Path.of(file).getFileName().toString().replace(".java", "");
            int from = layerOf(pkg, simple);
            Matcher m = REFERENCE.matcher(text.substring(text.indexOf(';') + 1));
            while (m.find()) {
                String target = m.group(1);
                int to = layerOf(target, m.group(2));
                if (!target.equals(pkg) && to > from) {
                    arrows.add(file + ": " + pkg + " -> " + target + "." + m.group(2));
                }
            }
        });
        return arrows;
    }

    private static int layerOf(String pkg, String simpleName) {
        String shortName = pkg.equals("dev.signdigits") ? pkg : pkg.replaceFirst("^dev\\.signdigits\\.", "");
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(shortName + "#" + simpleName)) {
                return i;
            }
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(shortName)) {
                return i;
            }
        }
        return -1;
    }

    private static String packageOf(String text) {
        Matcher m = PACKAGE.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static Map<String, String> sources() {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                // comments may name any class; only code counts
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                texts.put(MAIN.relativize(f).toString(), code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
