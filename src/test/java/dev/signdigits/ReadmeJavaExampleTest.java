package dev.signdigits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.testing.TinyModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it from Java" example, taken from README.md as it is now, compiled against the
 * project and run in its own JVM on a real trained model and a real photo: the example and the
 * API it shows cannot drift apart.
 */
@Tag("slow")
class ReadmeJavaExampleTest {
    private static final Pattern SECTION = Pattern.compile("(?s)\\n## Use it from Java\\n(.*?)(\\n## |$)");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path tmp;

    @Test
    void readmeExampleCompilesAndReadsTheDigitOfARealPhoto() throws Exception {
        String example = readmeExample();
        assertThat(example.lines().filter(l -> l.startsWith("import ")))
                .as("the example uses only the public API and the JDK")
                .allMatch(l -> l.matches("import (java|javax)\\..*") || l.matches("import dev\\.signdigits\\.[A-Z]\\w*;"));
        Matcher name = CLASS_NAME.matcher(example);
        assertThat(name.find()).as("the example declares a public class").isTrue();
        Path source = Files.createDirectories(tmp.resolve("src")).resolve(name.group(1) + ".java");
        Files.writeString(source, example);
        Path classes = Files.createDirectories(tmp.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all,-path", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertThat(compiled).as("javac on the README example: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path model = TinyModel.dir();
        Path photo = TinyModel.correctlyClassified(7, 1).get(0);
        String output = run(name.group(1), classes, model, photo);

        PhotoPrediction expected = internalPrediction(model, photo);
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).hasSize(11);
        assertThat(lines.get(0)).isEqualTo(String.format(Locale.ROOT, "digit %s (%.1f%%)", expected.digit(),
                100 * expected.confidence()));
        assertThat(expected.digit()).isEqualTo("7");
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            String[] cells = lines.get(i + 1).strip().split(" ");
            assertThat(cells[0]).isEqualTo(expected.topK().get(i).label());
            assertThat(Double.parseDouble(cells[1])).isCloseTo(expected.topK().get(i).probability(), within(0.0005));
            sum += Double.parseDouble(cells[1]);
        }
        assertThat(sum).isCloseTo(1.0, within(0.02));
    }

    /** The first java block of the README's "Use it from Java" section. */
    static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher section = SECTION.matcher(readme);
        assertThat(section.find()).as("README.md has a 'Use it from Java' section").isTrue();
        Matcher block = JAVA_BLOCK.matcher(section.group(1));
        assertThat(block.find()).as("the section has a java code block").isTrue();
        return block.group(1);
    }

    /** Runs the compiled example in a fresh JVM, as an application would, and returns its standard output. */
    private static String run(String mainClass, Path classes, Path model, Path photo) throws Exception {
        String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", classPath, mainClass, model.toString(), photo.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    /** What the tool's own prediction path says, with the runtime the example's default (auto) opens. */
    private static PhotoPrediction internalPrediction(Path model, Path photo) {
        try (DigitClassifier classifier = DigitClassifiers.open(SignDigits.DEFAULT_RUNTIME, model)) {
            return new PhotoPredictor(classifier, new ImageDecoder(), 1).predict(List.of(photo), 10).get(0);
        }
    }
}
